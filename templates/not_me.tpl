{{%AUTOESCAPE context="HTML"}}{{#USABLE}}<h1>お心当たりの無い操作のご連絡</h1>
<p>アクセスコード送信またはパスワード更新のお知らせメールにお心当たりが無い場合は、下記の【事務局へ連絡する】ボタンを押してください。</p>
<p>送信済みのアクセスコードを無効にし、事務局へ確認を依頼いたします。申請内容を事務局にて確認させていただき、対応いたします。</p>
<form method="post" action="/cgi-open-bin/passwd/not_me" class="box">
<input type="hidden" name="csrf_token" value="{{CSRF_TOKEN}}">
<input type="hidden" name="t" value="{{TOKEN}}">
<p><button type="submit">事務局へ連絡する</button></p>
<p class="hint">ご自身で操作された場合は、このボタンを押す必要はありません。このページを閉じてください。</p>
</form>
{{/USABLE}}{{#USED}}<section class="notice">
<h1>このリンクは使用済みです</h1>
<p>このリンクからのご連絡は既に受け付けております。申請内容を事務局にて確認させていただき、対応いたしますので、今しばらくお待ちください。</p>
</section>
{{/USED}}{{#EXPIRED}}<section class="notice error-page">
<h1>このリンクの有効期限が切れました</h1>
<p>このリンクの有効期限（7日間）が切れました。お心当たりの無い操作について事務局へご連絡いただく場合は、大変恐縮ですが下記より、お手続きをお願いいたします。</p>
<p class="actions"><a class="button" href="/cgi-open-bin/passwd/operator_request">オペレータへパスワード更新申請</a></p>
</section>
{{/EXPIRED}}{{#UNKNOWN}}<section class="notice error-page">
<h1>このリンクは無効です</h1>
<p>リンクが正しくないか、途中で切れている可能性があります。メールに記載されたリンクを、そのままブラウザで開いてください。</p>
<p>解決しない場合は、大変恐縮ですが下記より、お手続きをお願いいたします。</p>
<p class="actions"><a class="button" href="/cgi-open-bin/passwd/operator_request">オペレータへパスワード更新申請</a></p>
</section>
{{/UNKNOWN}}<p><a href="{{TOP_URL}}">トップページへ戻る</a></p>
