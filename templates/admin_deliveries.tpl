{{%AUTOESCAPE context="HTML"}}<h1>配信失敗一覧</h1>
{{#FLASH}}<p class="notice" id="flash">{{TEXT}}</p>{{/FLASH}}
<p>新しいパスワードを各サービス（配信先）へ届けられなかった配信です。新しい順に表示します。失敗した配信は、1分後から間隔を2倍ずつ延ばし（最長1時間）、届くまで自動で再試行します。時刻は日本時間です。</p>
{{#NONE}}<p>失敗している配信はありません。</p>{{/NONE}}
{{#HAS_ROWS}}<div class="table-scroll" tabindex="0"><table class="deliveries">
<thead><tr><th>番号</th><th>UMIN ID</th><th>配信先</th><th>試行回数</th><th>最後のエラー</th><th>最後の試行</th><th>次の試行</th><th>パスワード変更</th><th>操作</th></tr></thead>
<tbody>
{{#ROW}}<tr>
<td>{{ID}}</td>
<td><a href="/cgi-bin/passwd-admin/account?id={{UMIN_ID}}">{{UMIN_ID}}</a></td>
<td>{{TARGET}}</td>
<td>{{ATTEMPTS}}</td>
<td>{{LAST_ERROR}}</td>
<td>{{LAST_TRY_AT}}</td>
<td>{{NEXT_TRY_AT}}</td>
<td>{{CREATED_AT}}</td>
<td><form method="post" action="/cgi-bin/passwd-admin/delivery_retry">
<input type="hidden" name="csrf_token" value="{{CSRF_TOKEN}}">
<input type="hidden" name="id" value="{{ID}}">
<input type="hidden" name="page" value="{{PAGE}}">
<button type="submit">今すぐ再送</button>
</form></td>
</tr>
{{/ROW}}</tbody>
</table></div>{{/HAS_ROWS}}
<p class="pages">{{#PREVIOUS}}<a href="/cgi-bin/passwd-admin/deliveries?page={{NUMBER}}" rel="prev">前の{{PER_PAGE}}件</a> {{/PREVIOUS}}{{PAGE}}ページ目{{#NEXT}} <a href="/cgi-bin/passwd-admin/deliveries?page={{NUMBER}}" rel="next">次の{{PER_PAGE}}件</a>{{/NEXT}}</p>
