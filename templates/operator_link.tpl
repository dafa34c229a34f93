{{%AUTOESCAPE context="HTML"}}{{#VALID}}<h1>アクセスコード送信</h1>
<p>オペレータへのパスワード更新申請について、事務局にて申請内容を確認いたしました。</p>
<p>下記[アクセスコード送信]押下でUMIN IDに登録されているメールアドレスへアクセスコードを送信いたします。認証画面へ移動しますので、受信したアクセスコードをこのブラウザで入力し、10分以内に新しいパスワードの再設定をお願いいたします。</p>
<table class="details">
<tr><th>UMIN ID</th><td id="umin_id">{{UMIN_ID}}</td></tr>
<tr><th>リンクの有効期限</th><td>{{EXPIRES_AT}}</td></tr>
</table>
<form method="post" action="/cgi-open-bin/passwd/operator_link" class="box">
<input type="hidden" name="csrf_token" value="{{CSRF_TOKEN}}">
<input type="hidden" name="t" value="{{TOKEN}}">
<p><button type="submit">アクセスコード送信</button></p>
</form>
<p class="hint">このリンクは一度のみ使用できます。本メールにお当たりが無い場合は、この画面を閉じてください。</p>
{{/VALID}}{{#INVALID}}<section class="notice error-page">
<h1>このリンクは使用できません</h1>
<p>リンクの有効期限（24時間）が切れたか、すでに使用されたか、新しいリンクが送信されたため、このリンクは使用できません。</p>
<p>大変恐縮ですが下記より、改めてお手続きをお願いいたします。</p>
<p class="actions"><a class="button" href="/cgi-open-bin/passwd/operator_request">オペレータへパスワード更新申請</a></p>
</section>
{{/INVALID}}
