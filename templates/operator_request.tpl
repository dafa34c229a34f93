{{%AUTOESCAPE context="HTML"}}<h1>{{operator_request_title}}</h1>
<p>{{operator_request_intro}}</p>
<p>{{identity_intro_1}}<br>{{identity_intro_2}}</p>
{{#HAS_ERRORS}}<div class="error-summary" id="error_summary" tabindex="-1">
<p class="error">{{check_input}}</p>
{{#ERROR_LIST}}<ul>
{{#ERROR_LINK}}<li><a href="#{{INPUT_ID}}">{{MESSAGE}}</a></li>
{{/ERROR_LINK}}</ul>
{{/ERROR_LIST}}</div>
{{/HAS_ERRORS}}
<form method="post" action="/cgi-open-bin/passwd/operator_request">
<input type="hidden" name="csrf_token" value="{{CSRF_TOKEN}}">
<div class="field">
<label for="umin_id">{{label_umin_id_if_known}}</label>
<p class="hint" id="umin_id_hint">{{hint_umin_id_if_known}}</p>
{{#UMIN_ID_ERROR}}<p class="field-error" id="umin_id_error">{{MESSAGE}}</p>{{/UMIN_ID_ERROR}}
<input type="text" id="umin_id" name="umin_id" value="{{UMIN_ID}}" maxlength="100" autocomplete="username" autocapitalize="none" spellcheck="false" aria-describedby="umin_id_hint{{#UMIN_ID_ERROR}} umin_id_error{{/UMIN_ID_ERROR}}"{{#UMIN_ID_ERROR}} aria-invalid="true"{{/UMIN_ID_ERROR}}>
</div>
<fieldset class="field">
<legend>{{legend_name}}</legend>
<label for="family_name">{{label_family_name}}</label>
{{#FAMILY_NAME_ERROR}}<p class="field-error" id="family_name_error">{{MESSAGE}}</p>{{/FAMILY_NAME_ERROR}}
<input type="text" id="family_name" name="family_name" value="{{FAMILY_NAME}}" maxlength="64" autocomplete="family-name"{{#FAMILY_NAME_ERROR}} aria-invalid="true" aria-describedby="family_name_error"{{/FAMILY_NAME_ERROR}}>
<label for="given_name">{{label_given_name}}</label>
{{#GIVEN_NAME_ERROR}}<p class="field-error" id="given_name_error">{{MESSAGE}}</p>{{/GIVEN_NAME_ERROR}}
<input type="text" id="given_name" name="given_name" value="{{GIVEN_NAME}}" maxlength="64" autocomplete="given-name"{{#GIVEN_NAME_ERROR}} aria-invalid="true" aria-describedby="given_name_error"{{/GIVEN_NAME_ERROR}}>
</fieldset>
<fieldset class="field">
<legend>{{legend_reading}}</legend>
<label for="family_reading">{{label_family_reading}}</label>
{{#FAMILY_READING_ERROR}}<p class="field-error" id="family_reading_error">{{MESSAGE}}</p>{{/FAMILY_READING_ERROR}}
<input type="text" id="family_reading" name="family_reading" value="{{FAMILY_READING}}" maxlength="64"{{#FAMILY_READING_ERROR}} aria-invalid="true" aria-describedby="family_reading_error"{{/FAMILY_READING_ERROR}}>
<label for="given_reading">{{label_given_reading}}</label>
{{#GIVEN_READING_ERROR}}<p class="field-error" id="given_reading_error">{{MESSAGE}}</p>{{/GIVEN_READING_ERROR}}
<input type="text" id="given_reading" name="given_reading" value="{{GIVEN_READING}}" maxlength="64"{{#GIVEN_READING_ERROR}} aria-invalid="true" aria-describedby="given_reading_error"{{/GIVEN_READING_ERROR}}>
</fieldset>
<div class="field">
<label for="birth_date">{{label_birth_date}}</label>
<p class="hint" id="birth_date_hint">{{hint_birth_date}}</p>
{{#BIRTH_DATE_ERROR}}<p class="field-error" id="birth_date_error">{{MESSAGE}}</p>{{/BIRTH_DATE_ERROR}}
<input type="text" id="birth_date" name="birth_date" value="{{BIRTH_DATE}}" maxlength="20" placeholder="yyyy/mm/dd" inputmode="numeric" aria-describedby="birth_date_hint{{#BIRTH_DATE_ERROR}} birth_date_error{{/BIRTH_DATE_ERROR}}"{{#BIRTH_DATE_ERROR}} aria-invalid="true"{{/BIRTH_DATE_ERROR}}>
</div>
<div class="field">
<label for="affiliation">{{label_affiliation}}</label>
{{#AFFILIATION_ERROR}}<p class="field-error" id="affiliation_error">{{MESSAGE}}</p>{{/AFFILIATION_ERROR}}
<input type="text" id="affiliation" name="affiliation" value="{{AFFILIATION}}" maxlength="200" autocomplete="organization"{{#AFFILIATION_ERROR}} aria-invalid="true" aria-describedby="affiliation_error"{{/AFFILIATION_ERROR}}>
</div>
<div class="field">
<label for="contact_mail">{{label_contact_mail}}</label>
<p class="hint" id="contact_mail_hint">{{hint_contact_mail}}</p>
{{#CONTACT_MAIL_ERROR}}<p class="field-error" id="contact_mail_error">{{MESSAGE}}</p>{{/CONTACT_MAIL_ERROR}}
<input type="text" id="contact_mail" name="contact_mail" value="{{CONTACT_MAIL}}" maxlength="254" inputmode="email" autocomplete="email" autocapitalize="none" spellcheck="false" aria-describedby="contact_mail_hint{{#CONTACT_MAIL_ERROR}} contact_mail_error{{/CONTACT_MAIL_ERROR}}"{{#CONTACT_MAIL_ERROR}} aria-invalid="true"{{/CONTACT_MAIL_ERROR}}>
</div>
<fieldset class="field">
<legend>{{legend_reason}}</legend>
{{#REASON_ERROR}}<p class="field-error" id="reason_error">{{MESSAGE}}</p>{{/REASON_ERROR}}
{{#REASON}}<label class="inline"><input type="radio" id="reason_{{VALUE}}" name="reason"{{#REASON_ERROR}} aria-invalid="true" aria-describedby="reason_error"{{/REASON_ERROR}} value="{{VALUE}}"{{#CHECKED}} checked{{/CHECKED}}> {{LABEL}}</label>
{{/REASON}}</fieldset>
<div class="field">
<label for="message">{{MESSAGE_LABEL}}</label>
<p class="hint" id="message_hint">{{hint_message}}</p>
{{#MESSAGE_ERROR}}<p class="field-error" id="message_error">{{MESSAGE}}</p>{{/MESSAGE_ERROR}}
<textarea id="message" name="message" rows="6" cols="40" maxlength="{{MESSAGE_MAX}}" aria-describedby="message_hint{{#MESSAGE_ERROR}} message_error{{/MESSAGE_ERROR}}"{{#MESSAGE_ERROR}} aria-invalid="true"{{/MESSAGE_ERROR}}>
{{MESSAGE_TEXT:pre_escape}}</textarea>
</div>
<p><button type="submit">{{button_apply}}</button></p>
<p class="hint">{{operator_request_after_send}}</p>
</form>
