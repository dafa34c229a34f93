{{%AUTOESCAPE context="HTML"}}<h1>{{send_profile_title}}</h1>
<p>{{identity_intro_1}}<br>{{identity_intro_2}}</p>
{{#HAS_ERRORS}}<div class="error-summary" id="error_summary" tabindex="-1">
<p class="error">{{check_input}}</p>
{{#ERROR_LIST}}<ul>
{{#ERROR_LINK}}<li><a href="#{{INPUT_ID}}">{{MESSAGE}}</a></li>
{{/ERROR_LINK}}</ul>
{{/ERROR_LIST}}</div>
{{/HAS_ERRORS}}
<form method="post" action="/cgi-open-bin/passwd/send_profile">
<input type="hidden" name="csrf_token" value="{{CSRF_TOKEN}}">
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
<fieldset class="field">
<legend>{{legend_gender}}</legend>
{{#GENDER_ERROR}}<p class="field-error" id="gender_error">{{MESSAGE}}</p>{{/GENDER_ERROR}}
<label class="inline"><input type="radio" id="gender_male" name="gender"{{#GENDER_ERROR}} aria-invalid="true" aria-describedby="gender_error"{{/GENDER_ERROR}} value="male"{{#MALE_CHECKED}} checked{{/MALE_CHECKED}}> {{gender_male}}</label>
<label class="inline"><input type="radio" id="gender_female" name="gender"{{#GENDER_ERROR}} aria-invalid="true" aria-describedby="gender_error"{{/GENDER_ERROR}} value="female"{{#FEMALE_CHECKED}} checked{{/FEMALE_CHECKED}}> {{gender_female}}</label>
</fieldset>
<div class="field">
<label for="birth_date">{{label_birth_date}}</label>
<p class="hint" id="birth_date_hint">{{hint_birth_date}}</p>
{{#BIRTH_DATE_ERROR}}<p class="field-error" id="birth_date_error">{{MESSAGE}}</p>{{/BIRTH_DATE_ERROR}}
<input type="text" id="birth_date" name="birth_date" value="{{BIRTH_DATE}}" maxlength="20" placeholder="yyyy/mm/dd" inputmode="numeric" aria-describedby="birth_date_hint{{#BIRTH_DATE_ERROR}} birth_date_error{{/BIRTH_DATE_ERROR}}"{{#BIRTH_DATE_ERROR}} aria-invalid="true"{{/BIRTH_DATE_ERROR}}>
</div>
<p><button type="submit">{{button_send_code}}</button></p>
<p class="hint">{{send_profile_after_send}}</p>
</form>
