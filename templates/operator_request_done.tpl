{{%AUTOESCAPE context="HTML"}}{{#RECEIPT}}<section class="notice done">
<h1>{{operator_request_done_title}}</h1>
<p>{{operator_request_done_received}}</p>
<dl class="receipt">
<dt>{{label_receipt_number}}</dt>
<dd id="receipt_number">{{RECEIPT_NUMBER}}</dd>
</dl>
{{#MAILED}}<p>{{MAILED_TEXT}}</p>
{{/MAILED}}{{#NOT_MAILED}}<p id="receipt_not_mailed">{{NOT_MAILED_TEXT}}</p>
{{/NOT_MAILED}}
<p>{{receipt_next}}</p>
</section>
{{/RECEIPT}}{{#UNAVAILABLE}}<section class="notice error-page">
<h1>{{receipt_unavailable_title}}</h1>
<p>{{operator_request_done_unavailable}}</p>
</section>
{{/UNAVAILABLE}}<p class="actions"><a class="button" href="{{TOP_URL}}">{{back_to_top}}</a></p>
<p>{{inquiry_before}}<a href="{{INQUIRY_URL}}">{{inquiry_link}}</a>{{inquiry_after}}</p>
