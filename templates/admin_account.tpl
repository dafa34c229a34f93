{{%AUTOESCAPE context="HTML"}}<h1>UMIN ID {{UMIN_ID}}</h1>
<p><a href="/cgi-bin/passwd-admin/queue">受付一覧へ戻る</a></p>

<div class="table-scroll" tabindex="0"><table class="details" id="account">
<tr><th>UMIN ID</th><td id="umin_id">{{UMIN_ID}}</td></tr>
<tr><th>氏名</th><td>{{FAMILY_NAME}} {{GIVEN_NAME}}（{{FAMILY_READING}} {{GIVEN_READING}}）</td></tr>
<tr><th>区分</th><td>{{CATEGORY}}{{#REVIEW}}（申請内容確認が必要な区分）{{/REVIEW}}</td></tr>
<tr><th>送信先</th><td>{{#ADDRESS}}{{VALUE}}<br>{{/ADDRESS}}</td></tr>
</table></div>

<section class="box" id="changes">
<h2>パスワード更新と各サービスへの反映</h2>
<p class="hint">新しい順に{{CHANGE_LIMIT}}件まで。日時は日本時間です。</p>
{{#NO_CHANGE}}<p>パスワード更新の記録はありません。</p>{{/NO_CHANGE}}
{{#CHANGE}}<div class="change" id="change-{{CHANGE_ID}}">
<h3>{{CHANGED_AT}} の更新</h3>
{{#NO_DELIVERY}}<p>反映先はありません。</p>{{/NO_DELIVERY}}
{{#HAS_DELIVERIES}}<div class="table-scroll" tabindex="0"><table class="events deliveries">
<thead><tr><th>反映先</th><th>状態</th><th>日時</th><th>試行回数</th><th>最後のエラー</th><th></th></tr></thead>
<tbody>
{{#DELIVERY}}<tr id="delivery-{{ID}}" class="delivery-{{STATE}}">
<td>{{TARGET}}</td>
<td class="state">{{STATE_LABEL}}</td>
<td>{{WHEN}}</td>
<td>{{ATTEMPTS}}</td>
<td>{{LAST_ERROR}}</td>
<td>{{#CAN_RETRY}}<form method="post" action="/cgi-bin/passwd-admin/delivery_retry" class="inline">
<input type="hidden" name="csrf_token" value="{{CSRF_TOKEN}}">
<input type="hidden" name="id" value="{{ID}}">
<button type="submit">今すぐ再送</button>
</form>{{/CAN_RETRY}}</td>
</tr>
{{/DELIVERY}}</tbody>
</table></div>{{/HAS_DELIVERIES}}
</div>
{{/CHANGE}}
</section>

<section class="box" id="flows">
<h2>アクセスコードの手続き</h2>
{{#NO_FLOW}}<p>手続きの記録はありません。</p>{{/NO_FLOW}}
{{#HAS_FLOWS}}<div class="table-scroll" tabindex="0"><table class="events">
<thead><tr><th>開始日時</th><th>経路</th><th>状態</th><th>コード有効期限</th><th>入力回数</th></tr></thead>
<tbody>
{{#FLOW}}<tr class="flow-{{STATE}}"><td>{{CREATED_AT}}</td><td>{{VIA}}</td><td>{{STATE_LABEL}}</td><td>{{EXPIRES_AT}}</td><td>{{TRIES}}</td></tr>
{{/FLOW}}</tbody>
</table></div>{{/HAS_FLOWS}}
</section>

<section class="box" id="requests">
<h2>オペレータへの申請</h2>
{{#NO_REQUEST}}<p>このUMIN IDに関する申請はありません。</p>{{/NO_REQUEST}}
{{#HAS_REQUESTS}}<div class="table-scroll" tabindex="0"><table class="events">
<thead><tr><th>受付番号</th><th>状態</th><th>受付日時</th><th>理由</th></tr></thead>
<tbody>
{{#REQUEST}}<tr><td><a href="/cgi-bin/passwd-admin/request?id={{ID}}">{{RECEIPT}}</a></td><td>{{STATUS_LABEL}}</td><td>{{CREATED_AT}}</td><td>{{REASON}}</td></tr>
{{/REQUEST}}</tbody>
</table></div>{{/HAS_REQUESTS}}
</section>

<section class="box" id="mails">
<h2>メール</h2>
<p class="hint">登録メールアドレスと、申請の連絡先メールアドレスへのメール（新しい順に{{MAIL_LIMIT}}件まで）。本文は表示しません。</p>
{{#NO_MAIL}}<p>メールの記録はありません。</p>{{/NO_MAIL}}
{{#HAS_MAILS}}<div class="table-scroll" tabindex="0"><table class="events">
<thead><tr><th>作成日時</th><th>種類</th><th>宛先</th><th>状態</th><th>試行回数</th><th>最後のエラー</th><th>送信日時</th></tr></thead>
<tbody>
{{#MAIL}}<tr id="mail-{{ID}}" class="mail-{{STATE}}"><td>{{CREATED_AT}}</td><td>{{KIND}}</td><td>{{RECIPIENT}}</td><td>{{STATE_LABEL}}</td><td>{{ATTEMPTS}}</td><td>{{LAST_ERROR}}</td><td>{{SENT_AT}}</td></tr>
{{/MAIL}}</tbody>
</table></div>{{/HAS_MAILS}}
</section>

<section class="box" id="events">
<h2>最近の記録</h2>
<p><a href="/cgi-bin/passwd-admin/audit?umin_id={{UMIN_ID}}">監査ログでこのUMIN IDの記録をすべて見る</a></p>
{{#NO_EVENT}}<p>記録はありません。</p>{{/NO_EVENT}}
{{#HAS_EVENTS}}<div class="table-scroll" tabindex="0"><table class="events">
<thead><tr><th>日時</th><th>内容</th><th>オペレータ</th><th>申請</th><th>詳細</th></tr></thead>
<tbody>
{{#EVENT}}<tr><td>{{AT}}</td><td>{{LABEL}}</td><td>{{OPERATOR}}</td><td>{{#REF}}<a href="/cgi-bin/passwd-admin/request?id={{REQUEST_REF}}">{{REQUEST_REF}}</a>{{/REF}}</td><td>{{DETAIL}}</td></tr>
{{/EVENT}}</tbody>
</table></div>{{/HAS_EVENTS}}
</section>
