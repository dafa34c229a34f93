{{%AUTOESCAPE context="HTML"}}{{#USABLE}}<h1>{{not_me_title}}</h1>
<p>{{not_me_intro}}</p>
<p>{{not_me_effect}}</p>
<form method="post" action="/cgi-open-bin/passwd/not_me" class="box">
<input type="hidden" name="csrf_token" value="{{CSRF_TOKEN}}">
<input type="hidden" name="t" value="{{TOKEN}}">
<p><button type="submit">{{button_not_me}}</button></p>
<p class="hint">{{not_me_hint}}</p>
</form>
{{/USABLE}}{{#USED}}<section class="notice">
<h1>{{not_me_used_heading}}</h1>
<p>{{not_me_used_text}}</p>
</section>
{{/USED}}{{#EXPIRED}}<section class="notice error-page">
<h1>{{not_me_expired_heading}}</h1>
<p>{{not_me_expired_text}}</p>
<p class="actions"><a class="button" href="/cgi-open-bin/passwd/operator_request">{{operator_request_link}}</a></p>
</section>
{{/EXPIRED}}{{#UNKNOWN}}<section class="notice error-page">
<h1>{{not_me_unknown_heading}}</h1>
<p>{{not_me_unknown_text}}</p>
<p>{{not_me_unknown_then}}</p>
<p class="actions"><a class="button" href="/cgi-open-bin/passwd/operator_request">{{operator_request_link}}</a></p>
</section>
{{/UNKNOWN}}<p><a href="{{TOP_URL}}">{{back_to_top}}</a></p>
