{{%AUTOESCAPE context="HTML"}}<section class="notice error-page">
<h1>{{HEADING}}</h1>
<p>{{MESSAGE}}</p>
{{#RETRY}}<p class="retry">{{RETRY_TEXT}}</p>{{/RETRY}}
{{#OPERATOR_REQUEST}}<p><a href="/cgi-open-bin/passwd/operator_request">{{operator_request_link}}</a></p>{{/OPERATOR_REQUEST}}
<p class="actions"><a class="button" href="{{TOP_URL}}">{{back_to_top}}</a></p>
<p>{{inquiry_before}}<a href="{{INQUIRY_URL}}">{{inquiry_link}}</a>{{inquiry_after}}</p>
</section>
