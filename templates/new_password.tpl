{{%AUTOESCAPE context="HTML"}}<h1>新しいパスワードを作成</h1>
<p>セキュリティ上、ご理解ご協力をお願いいたします</p>
<ul class="rules" id="password-rules">
{{#RULE}}<li data-rule="{{NAME}}">{{TEXT}}</li>
{{/RULE}}</ul>

{{#HAS_ERRORS}}<div class="error-summary" id="error_summary" tabindex="-1">
<p class="error">入力内容をご確認ください。</p>
{{#ERROR_LIST}}<ul>
{{#ERROR_LINK}}<li><a href="#{{INPUT_ID}}">{{MESSAGE}}</a></li>
{{/ERROR_LINK}}</ul>
{{/ERROR_LIST}}</div>
{{/HAS_ERRORS}}<form method="post" action="/cgi-open-bin/passwd/new_password" class="box">
<input type="hidden" name="csrf_token" value="{{CSRF_TOKEN}}">
<div class="field">
<label for="password">新しいパスワード</label>
{{#PASSWORD_ERRORS}}<div class="field-error" id="password_error">
{{#PASSWORD_ERROR}}<p>{{MESSAGE}}</p>
{{/PASSWORD_ERROR}}</div>
{{/PASSWORD_ERRORS}}<input type="password" id="password" name="password" value="" maxlength="128" autocomplete="new-password"{{#PASSWORD_ERRORS}} aria-invalid="true" aria-describedby="password_error"{{/PASSWORD_ERRORS}}>
</div>
<div class="field">
<label for="password_confirmation">もう一度パスワードを入力してください。</label>
{{#CONFIRMATION_ERRORS}}<div class="field-error" id="password_confirmation_error">
{{#CONFIRMATION_ERROR}}<p>{{MESSAGE}}</p>
{{/CONFIRMATION_ERROR}}</div>
{{/CONFIRMATION_ERRORS}}<input type="password" id="password_confirmation" name="password_confirmation" value="" maxlength="128" autocomplete="new-password"{{#CONFIRMATION_ERRORS}} aria-invalid="true" aria-describedby="password_confirmation_error"{{/CONFIRMATION_ERRORS}}>
</div>
<p><button type="submit">パスワード更新</button></p>
<p class="hint">上部に記載されている規定外の文字列をセットした場合、エラーとなります。推測が難しい文字列にて設定いただけますようお願いいたします。<br>
新しいパスワード・確認用パスワードを入力されましたら「パスワード更新」を押下してください。</p>
</form>
