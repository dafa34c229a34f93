{{%AUTOESCAPE context="HTML"}}<h1>{{new_password_title}}</h1>
<p>{{new_password_intro}}</p>
<ul class="rules" id="password-rules">
{{#RULE}}<li data-rule="{{NAME}}">{{TEXT}}</li>
{{/RULE}}</ul>

{{#HAS_ERRORS}}<div class="error-summary" id="error_summary" tabindex="-1">
<p class="error">{{check_input}}</p>
{{#ERROR_LIST}}<ul>
{{#ERROR_LINK}}<li><a href="#{{INPUT_ID}}">{{MESSAGE}}</a></li>
{{/ERROR_LINK}}</ul>
{{/ERROR_LIST}}</div>
{{/HAS_ERRORS}}<form method="post" action="/cgi-open-bin/passwd/new_password" class="box">
<input type="hidden" name="csrf_token" value="{{CSRF_TOKEN}}">
<div class="field">
<label for="password">{{label_new_password}}</label>
{{#PASSWORD_ERRORS}}<div class="field-error" id="password_error">
{{#PASSWORD_ERROR}}<p>{{MESSAGE}}</p>
{{/PASSWORD_ERROR}}</div>
{{/PASSWORD_ERRORS}}<input type="password" id="password" name="password" value="" maxlength="128" autocomplete="new-password"{{#PASSWORD_ERRORS}} aria-invalid="true" aria-describedby="password_error"{{/PASSWORD_ERRORS}}>
</div>
<div class="field">
<label for="password_confirmation">{{label_password_confirmation}}</label>
{{#CONFIRMATION_ERRORS}}<div class="field-error" id="password_confirmation_error">
{{#CONFIRMATION_ERROR}}<p>{{MESSAGE}}</p>
{{/CONFIRMATION_ERROR}}</div>
{{/CONFIRMATION_ERRORS}}<input type="password" id="password_confirmation" name="password_confirmation" value="" maxlength="128" autocomplete="new-password"{{#CONFIRMATION_ERRORS}} aria-invalid="true" aria-describedby="password_confirmation_error"{{/CONFIRMATION_ERRORS}}>
</div>
<p><button type="submit">{{button_update_password}}</button></p>
<p class="hint">{{new_password_hint_1}}<br>
{{new_password_hint_2}}</p>
</form>
