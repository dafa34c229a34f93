{{%AUTOESCAPE context="HTML"}}<h1>{{new_password_title}}</h1>
<p>{{new_password_intro}}</p>
<ul class="rules" id="password-rules">
{{#RULE}}<li data-rule="{{NAME}}">{{TEXT}}</li>
{{/RULE}}</ul>

<form method="post" action="/cgi-open-bin/passwd/new_password" class="box">
<input type="hidden" name="csrf_token" value="{{CSRF_TOKEN}}">
<div class="field">
<label for="password">{{label_new_password}}</label>
{{#PASSWORD_ERROR}}<p class="field-error">{{MESSAGE}}</p>
{{/PASSWORD_ERROR}}<input type="password" id="password" name="password" value="" maxlength="128" autocomplete="new-password">
</div>
<div class="field">
<label for="password_confirmation">{{label_password_confirmation}}</label>
{{#CONFIRMATION_ERROR}}<p class="field-error">{{MESSAGE}}</p>
{{/CONFIRMATION_ERROR}}<input type="password" id="password_confirmation" name="password_confirmation" value="" maxlength="128" autocomplete="new-password">
</div>
<p><button type="submit">{{button_update_password}}</button></p>
<p class="hint">{{new_password_hint_1}}<br>
{{new_password_hint_2}}</p>
</form>
