{{%AUTOESCAPE context="HTML"}}<h1>{{code_title}}</h1>
{{#SENT_BY_ID}}<p>{{code_intro}}</p>
<p>{{code_sent_1}}<br>
{{code_sent_2}}</p>
{{/SENT_BY_ID}}{{#SENT_BY_PROFILE}}<p>{{code_sent_profile_1}}<br>
{{code_sent_profile_2}}</p>
{{/SENT_BY_PROFILE}}<ul class="recipients">
{{#RECIPIENT}}<li>{{ADDRESS}}</li>
{{/RECIPIENT}}</ul>

<form method="post" action="/cgi-open-bin/passwd/code" class="box">
<input type="hidden" name="csrf_token" value="{{CSRF_TOKEN}}">
<div class="field">
<label for="access_code">{{label_access_code}}</label>
{{#CODE_ERROR}}<p class="field-error" id="access_code_error">{{ERROR}}</p>{{/CODE_ERROR}}
{{#TRIES}}<p class="field-error" id="access_code_tries">{{TRIES_TEXT}}</p>{{/TRIES}}
<input type="text" id="access_code" name="access_code" value="" maxlength="40" inputmode="numeric" autocomplete="one-time-code" aria-describedby="access_code_hint{{#CODE_ERROR}} access_code_error{{/CODE_ERROR}}{{#TRIES}} access_code_tries{{/TRIES}}"{{#CODE_ERROR}} aria-invalid="true"{{/CODE_ERROR}}>
<p class="hint" id="access_code_hint">{{code_hint}}</p>
</div>
<p><button type="submit">{{button_update_password}}</button></p>
<p class="hint">{{code_after_send}}</p>
</form>

<section class="box">
<h2>{{code_not_received_heading}}</h2>
<p>{{code_not_received_1}}<br>
{{code_not_received_2}}</p>
<p><a href="/cgi-open-bin/passwd/operator_request">{{operator_request_link}}</a></p>
</section>
