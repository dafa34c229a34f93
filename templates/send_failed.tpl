{{%AUTOESCAPE context="HTML"}}<section class="notice error-page">
<h1>{{send_failed_title}}</h1>
<p>{{send_failed_intro}}</p>
<ul class="reasons">
{{#REASON}}<li>{{TEXT}}</li>
{{/REASON}}</ul>
<p>{{send_failed_then}}</p>
<p class="actions"><a class="button" href="/cgi-open-bin/passwd/operator_request">{{operator_request_link}}</a></p>
</section>
