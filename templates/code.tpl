{{%AUTOESCAPE context="HTML"}}<h1>アクセスコードの入力</h1>
{{#SENT_BY_ID}}<p>アクセスコードを受信されましたら、速やかにご入力をお願いします。</p>
<p>登録されているメールアドレスへアクセスコードを送信いたしました。<br>
アクセスコードを入力し、【パスワード更新】から10分以内に新しいパスワードの再設定をお願いいたします。</p>
{{/SENT_BY_ID}}{{#SENT_BY_PROFILE}}<p>登録されているメールアドレスへ送信いたしました。<br>
アクセスコードを10分以内に新しいパスワードに再設定をお願いします。</p>
{{/SENT_BY_PROFILE}}<ul class="recipients">
{{#RECIPIENT}}<li>{{ADDRESS}}</li>
{{/RECIPIENT}}</ul>

<form method="post" action="/cgi-open-bin/passwd/code" class="box">
<input type="hidden" name="csrf_token" value="{{CSRF_TOKEN}}">
<div class="field">
<label for="access_code">アクセスコード</label>
{{#CODE_ERROR}}<p class="field-error" id="access_code_error">{{ERROR}}</p>{{/CODE_ERROR}}
{{#TRIES}}<p class="field-error" id="access_code_tries">あと{{TRIES_LEFT}}回入力できます。</p>{{/TRIES}}
<input type="text" id="access_code" name="access_code" value="" maxlength="40" inputmode="numeric" autocomplete="one-time-code" aria-describedby="access_code_hint{{#CODE_ERROR}} access_code_error{{/CODE_ERROR}}{{#TRIES}} access_code_tries{{/TRIES}}"{{#CODE_ERROR}} aria-invalid="true"{{/CODE_ERROR}}>
<p class="hint" id="access_code_hint">※半角数字を入力してください</p>
</div>
<p><button type="submit">パスワード更新</button></p>
<p class="hint">アクセスコードを正しくご入力いただき「パスワード更新」を押下してください</p>
</form>

<section class="box">
<h2>◇アクセスコードがお手元に届かない場合</h2>
<p>UMIN ID@umin.ac.jpおよび、登録されているメールアドレスへと送信しております。<br>
ご確認できない場合は、大変恐縮ですが下記より、お手続きをお願いいたします。</p>
<p><a href="/cgi-open-bin/passwd/operator_request">オペレータへパスワード更新申請</a></p>
</section>
