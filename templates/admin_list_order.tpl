{{%AUTOESCAPE context="HTML"}}<div class="field">
<label for="order">並び順</label>
<select id="order" name="order">
<option value="newest"{{#NEWEST}} selected{{/NEWEST}}>新しい順</option>
<option value="oldest"{{#OLDEST}} selected{{/OLDEST}}>古い順</option>
</select>
</div>
