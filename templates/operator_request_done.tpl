{{%AUTOESCAPE context="HTML"}}{{#RECEIPT}}<section class="notice done">
<h1>申請受付完了</h1>
<p>オペレータへのパスワード更新申請を受け付けました。</p>
<dl class="receipt">
<dt>受付番号</dt>
<dd id="receipt_number">{{RECEIPT_NUMBER}}</dd>
</dl>
{{#MAILED}}<p>受付番号は{{CONTACT_MAIL}}へもメールでお送りしました。お問い合わせの際は、受付番号をお知らせください。</p>
{{/MAILED}}{{#NOT_MAILED}}<p id="receipt_not_mailed">このメールアドレス（{{CONTACT_MAIL}}）へは本日すでに受付メールを何度かお送りしているため、今回の受付メールはお送りしておりません。受付番号をお控えのうえ、お問い合わせの際は受付番号をお知らせください。</p>
{{/NOT_MAILED}}
<p>申請内容を事務局にて確認させていただき、対応いたします。事務局からのご連絡まで、今しばらくお待ちください。</p>
</section>
{{/RECEIPT}}{{#UNAVAILABLE}}<section class="notice error-page">
<h1>受付内容を表示できません</h1>
<p>受付内容は、申請されたブラウザで申請直後にのみ表示されます。受付番号は、ご申請時に入力された連絡先メールアドレスへお送りした受付メールでご確認ください。</p>
</section>
{{/UNAVAILABLE}}<p class="actions"><a class="button" href="{{TOP_URL}}">トップページへ戻る</a></p>
<p>ご不明な点は<a href="{{INQUIRY_URL}}">お問い合わせフォーム</a>よりお問い合わせください。</p>
