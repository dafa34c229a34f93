{{%AUTOESCAPE context="HTML"}}<h1>オペレータへパスワード更新申請</h1>
<p>アクセスコードがお手元に届かない場合、アクセスコードを送信できなかった場合、UMIN IDが「役職・業務・管理・団体」等の申請内容確認が必要な区分の場合は、こちらよりご申請をお願いします。申請内容を事務局にて確認させていただき、対応いたします。</p>
<p>ご本人様確認のための情報です<br>正確にご入力をお願いします</p>
{{#HAS_ERRORS}}<div class="error-summary" id="error_summary" tabindex="-1">
<p class="error">入力内容をご確認ください。</p>
{{#ERROR_LIST}}<ul>
{{#ERROR_LINK}}<li><a href="#{{INPUT_ID}}">{{MESSAGE}}</a></li>
{{/ERROR_LINK}}</ul>
{{/ERROR_LIST}}</div>
{{/HAS_ERRORS}}
<form method="post" action="/cgi-open-bin/passwd/operator_request">
<input type="hidden" name="csrf_token" value="{{CSRF_TOKEN}}">
<div class="field">
<label for="umin_id">UMIN ID（お分かりの場合）</label>
<p class="hint" id="umin_id_hint">aaaaaa-aaaの形式です。@umin.ac.jpは記入しないでください。ご不明の場合は空欄のままで結構です。</p>
{{#UMIN_ID_ERROR}}<p class="field-error" id="umin_id_error">{{MESSAGE}}</p>{{/UMIN_ID_ERROR}}
<input type="text" id="umin_id" name="umin_id" value="{{UMIN_ID}}" maxlength="100" autocomplete="username" autocapitalize="none" spellcheck="false" aria-describedby="umin_id_hint{{#UMIN_ID_ERROR}} umin_id_error{{/UMIN_ID_ERROR}}"{{#UMIN_ID_ERROR}} aria-invalid="true"{{/UMIN_ID_ERROR}}>
</div>
<fieldset class="field">
<legend>氏名</legend>
<label for="family_name">姓</label>
{{#FAMILY_NAME_ERROR}}<p class="field-error" id="family_name_error">{{MESSAGE}}</p>{{/FAMILY_NAME_ERROR}}
<input type="text" id="family_name" name="family_name" value="{{FAMILY_NAME}}" maxlength="64" autocomplete="family-name"{{#FAMILY_NAME_ERROR}} aria-invalid="true" aria-describedby="family_name_error"{{/FAMILY_NAME_ERROR}}>
<label for="given_name">名</label>
{{#GIVEN_NAME_ERROR}}<p class="field-error" id="given_name_error">{{MESSAGE}}</p>{{/GIVEN_NAME_ERROR}}
<input type="text" id="given_name" name="given_name" value="{{GIVEN_NAME}}" maxlength="64" autocomplete="given-name"{{#GIVEN_NAME_ERROR}} aria-invalid="true" aria-describedby="given_name_error"{{/GIVEN_NAME_ERROR}}>
</fieldset>
<fieldset class="field">
<legend>よみがな</legend>
<label for="family_reading">せい</label>
{{#FAMILY_READING_ERROR}}<p class="field-error" id="family_reading_error">{{MESSAGE}}</p>{{/FAMILY_READING_ERROR}}
<input type="text" id="family_reading" name="family_reading" value="{{FAMILY_READING}}" maxlength="64"{{#FAMILY_READING_ERROR}} aria-invalid="true" aria-describedby="family_reading_error"{{/FAMILY_READING_ERROR}}>
<label for="given_reading">めい</label>
{{#GIVEN_READING_ERROR}}<p class="field-error" id="given_reading_error">{{MESSAGE}}</p>{{/GIVEN_READING_ERROR}}
<input type="text" id="given_reading" name="given_reading" value="{{GIVEN_READING}}" maxlength="64"{{#GIVEN_READING_ERROR}} aria-invalid="true" aria-describedby="given_reading_error"{{/GIVEN_READING_ERROR}}>
</fieldset>
<div class="field">
<label for="birth_date">生年月日</label>
<p class="hint" id="birth_date_hint">西暦 yyyy/mm/ddの形式にて入力</p>
{{#BIRTH_DATE_ERROR}}<p class="field-error" id="birth_date_error">{{MESSAGE}}</p>{{/BIRTH_DATE_ERROR}}
<input type="text" id="birth_date" name="birth_date" value="{{BIRTH_DATE}}" maxlength="20" placeholder="yyyy/mm/dd" inputmode="numeric" aria-describedby="birth_date_hint{{#BIRTH_DATE_ERROR}} birth_date_error{{/BIRTH_DATE_ERROR}}"{{#BIRTH_DATE_ERROR}} aria-invalid="true"{{/BIRTH_DATE_ERROR}}>
</div>
<div class="field">
<label for="affiliation">所属機関</label>
{{#AFFILIATION_ERROR}}<p class="field-error" id="affiliation_error">{{MESSAGE}}</p>{{/AFFILIATION_ERROR}}
<input type="text" id="affiliation" name="affiliation" value="{{AFFILIATION}}" maxlength="200" autocomplete="organization"{{#AFFILIATION_ERROR}} aria-invalid="true" aria-describedby="affiliation_error"{{/AFFILIATION_ERROR}}>
</div>
<div class="field">
<label for="contact_mail">連絡先メールアドレス</label>
<p class="hint" id="contact_mail_hint">受付番号と事務局からのご連絡をこのアドレスへお送りします。</p>
{{#CONTACT_MAIL_ERROR}}<p class="field-error" id="contact_mail_error">{{MESSAGE}}</p>{{/CONTACT_MAIL_ERROR}}
<input type="text" id="contact_mail" name="contact_mail" value="{{CONTACT_MAIL}}" maxlength="254" inputmode="email" autocomplete="email" autocapitalize="none" spellcheck="false" aria-describedby="contact_mail_hint{{#CONTACT_MAIL_ERROR}} contact_mail_error{{/CONTACT_MAIL_ERROR}}"{{#CONTACT_MAIL_ERROR}} aria-invalid="true"{{/CONTACT_MAIL_ERROR}}>
</div>
<fieldset class="field">
<legend>申請理由</legend>
{{#REASON_ERROR}}<p class="field-error" id="reason_error">{{MESSAGE}}</p>{{/REASON_ERROR}}
{{#REASON}}<label class="inline"><input type="radio" id="reason_{{VALUE}}" name="reason"{{#REASON_ERROR}} aria-invalid="true" aria-describedby="reason_error"{{/REASON_ERROR}} value="{{VALUE}}"{{#CHECKED}} checked{{/CHECKED}}> {{LABEL}}</label>
{{/REASON}}</fieldset>
<div class="field">
<label for="message">申請内容（{{MESSAGE_MAX}}文字以内）</label>
<p class="hint" id="message_hint">状況をお書きください。「その他」を選ばれた場合は必ずご記入ください。</p>
{{#MESSAGE_ERROR}}<p class="field-error" id="message_error">{{MESSAGE}}</p>{{/MESSAGE_ERROR}}
<textarea id="message" name="message" rows="6" cols="40" maxlength="{{MESSAGE_MAX}}" aria-describedby="message_hint{{#MESSAGE_ERROR}} message_error{{/MESSAGE_ERROR}}"{{#MESSAGE_ERROR}} aria-invalid="true"{{/MESSAGE_ERROR}}>
{{MESSAGE_TEXT:pre_escape}}</textarea>
</div>
<p><button type="submit">申請する</button></p>
<p class="hint">必要事項を入力して「申請する」を押下してください。</p>
</form>
