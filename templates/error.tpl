{{%AUTOESCAPE context="HTML"}}<section class="notice error-page">
<h1>{{HEADING}}</h1>
<p>{{MESSAGE}}</p>
{{#RETRY}}<p class="retry">{{RETRY_AFTER}}以降に改めてお試しください。</p>{{/RETRY}}
{{#OPERATOR_REQUEST}}<p><a href="/cgi-open-bin/passwd/operator_request">オペレータへパスワード更新申請</a></p>{{/OPERATOR_REQUEST}}
<p class="actions"><a class="button" href="{{TOP_URL}}">トップページへ戻る</a></p>
<p>ご不明な点は<a href="{{INQUIRY_URL}}">お問い合わせフォーム</a>よりお問い合わせください。</p>
</section>
