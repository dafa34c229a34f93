{{%AUTOESCAPE context="HTML"}}{{#VALID}}<h1>{{operator_link_title}}</h1>
<p>{{operator_link_checked}}</p>
<p>{{operator_link_intro}}</p>
<table class="details">
<tr><th>UMIN ID</th><td id="umin_id">{{UMIN_ID}}</td></tr>
<tr><th>{{label_link_expires}}</th><td>{{EXPIRES_AT}}</td></tr>
</table>
<form method="post" action="/cgi-open-bin/passwd/operator_link" class="box">
<input type="hidden" name="csrf_token" value="{{CSRF_TOKEN}}">
<input type="hidden" name="t" value="{{TOKEN}}">
<p><button type="submit">{{button_send_code}}</button></p>
</form>
<p class="hint">{{operator_link_once}}</p>
{{/VALID}}{{#INVALID}}<section class="notice error-page">
<h1>{{operator_link_invalid_heading}}</h1>
<p>{{operator_link_invalid_text}}</p>
<p>{{operator_link_invalid_then}}</p>
<p class="actions"><a class="button" href="/cgi-open-bin/passwd/operator_request">{{operator_request_link}}</a></p>
</section>
{{/INVALID}}
