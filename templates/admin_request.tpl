{{%AUTOESCAPE context="HTML"}}<h1>申請 {{RECEIPT}}</h1>
{{#ACTION_ERROR}}<p class="error" id="action_error">{{TEXT}}</p>{{/ACTION_ERROR}}
{{#FLASH}}<p class="notice" id="flash">{{TEXT}}</p>{{/FLASH}}
<p><a href="/cgi-bin/passwd-admin/queue">受付一覧へ戻る</a></p>

<div class="table-scroll" tabindex="0"><table class="details">
<tr><th>受付番号</th><td id="receipt">{{RECEIPT}}</td></tr>
<tr><th>状態</th><td id="status">{{STATUS_LABEL}}{{#PRIORITY}}（優先）{{/PRIORITY}}</td></tr>
<tr><th>担当</th><td id="operator">{{OPERATOR}}</td></tr>
<tr><th>受付日時</th><td>{{CREATED_AT}}</td></tr>
<tr><th>更新日時</th><td>{{UPDATED_AT}}</td></tr>
<tr><th>理由</th><td>{{REASON}}</td></tr>
<tr><th>UMIN ID（申請）</th><td>{{#NAMED_ID}}<a href="/cgi-bin/passwd-admin/account?id={{ID}}">{{ID}}</a>{{/NAMED_ID}}{{#NO_NAMED_ID}}（記入なし）{{/NO_NAMED_ID}}</td></tr>
<tr><th>氏名</th><td>{{FAMILY_NAME}} {{GIVEN_NAME}}</td></tr>
<tr><th>よみがな</th><td>{{FAMILY_READING}} {{GIVEN_READING}}</td></tr>
<tr><th>生年月日</th><td>{{BIRTH_DATE}}</td></tr>
<tr><th>所属機関</th><td>{{AFFILIATION}}</td></tr>
<tr><th>連絡先メールアドレス</th><td>{{CONTACT_MAIL}}</td></tr>
<tr><th>内容</th><td>{{#MESSAGE_LINE}}{{LINE}}<br>{{/MESSAGE_LINE}}</td></tr>
</table></div>

<section class="box">
<h2>一致するUMIN ID</h2>
<p class="hint">申請の氏名・よみがな・生年月日と登録情報が一致するUMIN ID（表記の揺れはアクセスコード送信と同じ規則で吸収）と、申請に記入されたUMIN IDです。アクセスコードはUMIN IDに登録されているメールアドレスへのみ送られます。</p>
{{#NO_ACCOUNT}}<p>一致するUMIN IDはありません。</p>{{/NO_ACCOUNT}}
{{#ACCOUNT}}<div class="account box" id="account-{{UMIN_ID}}">
<h3><a href="/cgi-bin/passwd-admin/account?id={{UMIN_ID}}">{{UMIN_ID}}</a></h3>
<p>{{#IDENTITY_MATCH}}<strong>本人情報一致</strong>{{/IDENTITY_MATCH}}{{#NO_IDENTITY_MATCH}}<strong class="error">本人情報不一致</strong>（申請と異なる項目: <span id="mismatch-{{UMIN_ID}}">{{FIELDS}}</span>）{{/NO_IDENTITY_MATCH}}{{#NAMED}}　申請に記入されたUMIN ID{{/NAMED}}{{#REVIEW}}　<strong>区分: {{CATEGORY}}（申請内容確認が必要な区分）</strong>{{/REVIEW}}</p>
<div class="table-scroll" tabindex="0"><table class="details">
<tr><th>氏名</th><td>{{FAMILY_NAME}} {{GIVEN_NAME}}（{{FAMILY_READING}} {{GIVEN_READING}}）</td></tr>
<tr><th>性別・生年月日</th><td>{{GENDER}}　{{BIRTH_DATE}}</td></tr>
<tr><th>区分</th><td>{{CATEGORY}}</td></tr>
<tr><th>送信先</th><td>{{#ADDRESS}}{{VALUE}}<br>{{/ADDRESS}}</td></tr>
</table></div>
{{#CAN_SEND}}<form method="post" action="/cgi-bin/passwd-admin/action" class="inline">
<input type="hidden" name="csrf_token" value="{{CSRF_TOKEN}}">
<input type="hidden" name="id" value="{{REQUEST_ID}}">
<input type="hidden" name="action" value="send_code">
<input type="hidden" name="umin_id" value="{{UMIN_ID}}">
{{#NEEDS_REASON}}<div class="field">
<label for="reason-{{UMIN_ID}}">本人情報が申請と一致しません。本人と確認できた場合のみ、確認した方法など送る理由を入力してください（必須、200文字以内、この申請の記録に残ります）</label>
<input type="text" id="reason-{{UMIN_ID}}" name="text" maxlength="200" required>
</div>{{/NEEDS_REASON}}
<button type="submit">アクセスコード送信用リンクを送る</button>
</form>{{/CAN_SEND}}
<p><a href="/cgi-bin/passwd-admin/address_change?umin_id={{UMIN_ID}}&amp;request_id={{REQUEST_ID}}">登録メールアドレスの変更を提案する</a></p>
<h4>最近の記録</h4>
{{#NO_EVENT}}<p>記録はありません。</p>{{/NO_EVENT}}
{{#HAS_EVENTS}}<div class="table-scroll" tabindex="0"><table class="events">
<thead><tr><th>日時</th><th>内容</th><th>オペレータ</th><th>詳細</th></tr></thead>
<tbody>
{{#EVENT}}<tr><td>{{AT}}</td><td>{{LABEL}}</td><td>{{OPERATOR}}</td><td>{{DETAIL}}</td></tr>
{{/EVENT}}</tbody>
</table></div>{{/HAS_EVENTS}}
</div>
{{/ACCOUNT}}
</section>

{{#LINKS}}<section class="box">
<h2>送付したリンク</h2>
<div class="table-scroll" tabindex="0"><table class="events">
<thead><tr><th>UMIN ID</th><th>送付日時</th><th>有効期限</th><th>状態</th></tr></thead>
<tbody>
{{#LINK}}<tr><td><a href="/cgi-bin/passwd-admin/account?id={{UMIN_ID}}">{{UMIN_ID}}</a></td><td>{{CREATED_AT}}</td><td>{{EXPIRES_AT}}</td><td>{{STATE}}</td></tr>
{{/LINK}}</tbody>
</table></div>
</section>{{/LINKS}}

<section class="box">
<h2>メモ</h2>
{{#NO_NOTE}}<p>メモはありません。</p>{{/NO_NOTE}}
{{#NOTE}}<div class="note">
<p class="hint">{{AT}}　{{OPERATOR}}　{{KIND}}</p>
<p>{{#LINE}}{{TEXT}}<br>{{/LINE}}</p>
</div>
{{/NOTE}}
</section>

{{#OPEN}}<section class="box">
<h2>対応</h2>
{{#CAN_TAKE}}<form method="post" action="/cgi-bin/passwd-admin/action" class="box">
<input type="hidden" name="csrf_token" value="{{CSRF_TOKEN}}">
<input type="hidden" name="id" value="{{REQUEST_ID}}">
<input type="hidden" name="action" value="take">
<p><button type="submit">この申請を担当する</button></p>
</form>{{/CAN_TAKE}}
<form method="post" action="/cgi-bin/passwd-admin/action" class="box">
<input type="hidden" name="csrf_token" value="{{CSRF_TOKEN}}">
<input type="hidden" name="id" value="{{REQUEST_ID}}">
<input type="hidden" name="action" value="note">
<div class="field">
<label for="note_text">メモ</label>
<textarea id="note_text" name="text" rows="3" maxlength="2000"></textarea>
</div>
<p><button type="submit">メモを追加</button></p>
</form>
<form method="post" action="/cgi-bin/passwd-admin/action" class="box">
<input type="hidden" name="csrf_token" value="{{CSRF_TOKEN}}">
<input type="hidden" name="id" value="{{REQUEST_ID}}">
<input type="hidden" name="action" value="reject">
<div class="field">
<label for="reject_text">却下の理由（申請者の連絡先メールアドレスへ送信されます）</label>
<textarea id="reject_text" name="text" rows="4" maxlength="1000" required></textarea>
</div>
<p><button type="submit">却下して申請者へ通知</button></p>
</form>
<form method="post" action="/cgi-bin/passwd-admin/action" class="box">
<input type="hidden" name="csrf_token" value="{{CSRF_TOKEN}}">
<input type="hidden" name="id" value="{{REQUEST_ID}}">
<input type="hidden" name="action" value="close">
<div class="field">
<label for="close_text">完了時のメモ（任意）</label>
<textarea id="close_text" name="text" rows="2" maxlength="2000"></textarea>
</div>
<p><button type="submit">完了にする</button></p>
</form>
</section>{{/OPEN}}
{{#CLOSED}}<p class="notice">この申請は完了しています。</p>{{/CLOSED}}

<section class="box">
<h2>この申請の記録</h2>
{{#NO_HISTORY}}<p>記録はありません。</p>{{/NO_HISTORY}}
{{#HAS_HISTORY}}<div class="table-scroll" tabindex="0"><table class="events">
<thead><tr><th>日時</th><th>内容</th><th>UMIN ID</th><th>オペレータ</th><th>詳細</th></tr></thead>
<tbody>
{{#HISTORY}}<tr><td>{{AT}}</td><td>{{LABEL}}</td><td>{{#HISTORY_ACCOUNT}}<a href="/cgi-bin/passwd-admin/account?id={{UMIN_ID}}">{{UMIN_ID}}</a>{{/HISTORY_ACCOUNT}}</td><td>{{OPERATOR}}</td><td>{{DETAIL}}</td></tr>
{{/HISTORY}}</tbody>
</table></div>{{/HAS_HISTORY}}
</section>
