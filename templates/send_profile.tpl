{{%AUTOESCAPE context="HTML"}}<h1>ご本人様確認</h1>
<p>ご本人様確認のための情報です<br>正確にご入力をお願いします</p>
{{#HAS_ERRORS}}<p class="error">入力内容をご確認ください。</p>{{/HAS_ERRORS}}
<form method="post" action="/cgi-open-bin/passwd/send_profile">
<input type="hidden" name="csrf_token" value="{{CSRF_TOKEN}}">
<fieldset class="field">
<legend>氏名</legend>
<label for="family_name">姓</label>
{{#FAMILY_NAME_ERROR}}<p class="field-error">{{MESSAGE}}</p>{{/FAMILY_NAME_ERROR}}
<input type="text" id="family_name" name="family_name" value="{{FAMILY_NAME}}" maxlength="64" autocomplete="family-name">
<label for="given_name">名</label>
{{#GIVEN_NAME_ERROR}}<p class="field-error">{{MESSAGE}}</p>{{/GIVEN_NAME_ERROR}}
<input type="text" id="given_name" name="given_name" value="{{GIVEN_NAME}}" maxlength="64" autocomplete="given-name">
</fieldset>
<fieldset class="field">
<legend>よみがな</legend>
<label for="family_reading">せい</label>
{{#FAMILY_READING_ERROR}}<p class="field-error">{{MESSAGE}}</p>{{/FAMILY_READING_ERROR}}
<input type="text" id="family_reading" name="family_reading" value="{{FAMILY_READING}}" maxlength="64">
<label for="given_reading">めい</label>
{{#GIVEN_READING_ERROR}}<p class="field-error">{{MESSAGE}}</p>{{/GIVEN_READING_ERROR}}
<input type="text" id="given_reading" name="given_reading" value="{{GIVEN_READING}}" maxlength="64">
</fieldset>
<fieldset class="field">
<legend>性別</legend>
{{#GENDER_ERROR}}<p class="field-error">{{MESSAGE}}</p>{{/GENDER_ERROR}}
<label class="inline"><input type="radio" name="gender" value="male"{{#MALE_CHECKED}} checked{{/MALE_CHECKED}}> 男性</label>
<label class="inline"><input type="radio" name="gender" value="female"{{#FEMALE_CHECKED}} checked{{/FEMALE_CHECKED}}> 女性</label>
</fieldset>
<div class="field">
<label for="birth_date">生年月日</label>
<p class="hint" id="birth_date_hint">西暦 yyyy/mm/ddの形式にて入力</p>
{{#BIRTH_DATE_ERROR}}<p class="field-error">{{MESSAGE}}</p>{{/BIRTH_DATE_ERROR}}
<input type="text" id="birth_date" name="birth_date" value="{{BIRTH_DATE}}" maxlength="20" placeholder="yyyy/mm/dd" inputmode="numeric" aria-describedby="birth_date_hint">
</div>
<p><button type="submit">アクセスコード送信</button></p>
<p class="hint">必要事項を入力して「アクセスコード送信」を押下してください。</p>
</form>
