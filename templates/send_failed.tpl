{{%AUTOESCAPE context="HTML"}}<section class="notice error-page">
<h1>アクセスコード送信失敗</h1>
<p>アクセスコードを送信できませんでした。以下の理由が考えられます。</p>
<ul class="reasons">
{{#REASON}}<li>{{TEXT}}</li>
{{/REASON}}</ul>
<p>大変恐縮ですが下記より、お手続きをお願いいたします。申請内容を事務局にて確認させていただき、対応いたします。</p>
<p class="actions"><a class="button" href="/cgi-open-bin/passwd/operator_request">オペレータへパスワード更新申請</a></p>
</section>
