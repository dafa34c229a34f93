{{%AUTOESCAPE context="HTML"}}<h1>新しいパスワードを作成</h1>
<p>セキュリティ上、ご理解ご協力をお願いいたします</p>
<ul class="rules" id="password-rules">
{{#RULE}}<li data-rule="{{NAME}}">{{TEXT}}</li>
{{/RULE}}</ul>

<form method="post" action="/cgi-open-bin/passwd/new_password" class="box">
<input type="hidden" name="csrf_token" value="{{CSRF_TOKEN}}">
<div class="field">
<label for="password">新しいパスワード</label>
{{#PASSWORD_ERROR}}<p class="field-error">{{MESSAGE}}</p>
{{/PASSWORD_ERROR}}<input type="password" id="password" name="password" value="" maxlength="128" autocomplete="new-password">
</div>
<div class="field">
<label for="password_confirmation">もう一度パスワードを入力してください。</label>
{{#CONFIRMATION_ERROR}}<p class="field-error">{{MESSAGE}}</p>
{{/CONFIRMATION_ERROR}}<input type="password" id="password_confirmation" name="password_confirmation" value="" maxlength="128" autocomplete="new-password">
</div>
<p><button type="submit">パスワード更新</button></p>
<p class="hint">上部に記載されている規定外の文字列をセットした場合、エラーとなります。推測が難しい文字列にて設定いただけますようお願いいたします。<br>
新しいパスワード・確認用パスワードを入力されましたら「パスワード更新」を押下してください。</p>
</form>
