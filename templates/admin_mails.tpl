{{%AUTOESCAPE context="HTML"}}<h1>送信失敗メール</h1>
{{#FLASH}}<p class="notice" id="flash">メール {{ID}} を送信待ちに戻しました。まもなく送信されます。</p>{{/FLASH}}
<p class="hint">再送を試みても送信できなかったメールです（新しい順）。宛先とエラーを確かめてから「今すぐ再送」を押してください。本文は表示しません。アクセスコードやリンクを含むメールは、それらが送信失敗時に消去されるため再送できません。</p>
{{#NOT_FIRST}}<p><a href="/cgi-bin/passwd-admin/mails">最新の送信失敗メールへ</a></p>{{/NOT_FIRST}}
{{#NONE}}<p>送信失敗のメールはありません。</p>{{/NONE}}
{{#HAS_ROWS}}<div class="table-scroll" tabindex="0"><table class="events mails">
<thead><tr><th>番号</th><th>作成日時</th><th>種類</th><th>宛先</th><th>試行回数</th><th>最後のエラー</th><th></th></tr></thead>
<tbody>
{{#ROW}}<tr id="mail-{{ID}}">
<td>{{ID}}</td>
<td>{{CREATED_AT}}</td>
<td>{{KIND}}</td>
<td>{{RECIPIENT}}</td>
<td>{{ATTEMPTS}}</td>
<td>{{LAST_ERROR}}</td>
<td>{{#CAN_RETRY}}<form method="post" action="/cgi-bin/passwd-admin/mail_retry" class="inline">
<input type="hidden" name="csrf_token" value="{{CSRF_TOKEN}}">
<input type="hidden" name="id" value="{{ID}}">
<button type="submit">今すぐ再送</button>
</form>{{/CAN_RETRY}}{{#NO_RETRY}}再送不可（アクセスコード・リンクを含むため）{{/NO_RETRY}}</td>
</tr>
{{/ROW}}</tbody>
</table></div>{{/HAS_ROWS}}
{{#OLDER}}<p><a href="/cgi-bin/passwd-admin/mails?before={{BEFORE}}">さらに古い送信失敗メール</a></p>{{/OLDER}}
