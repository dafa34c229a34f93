{{%AUTOESCAPE context="HTML"}}<div class="field">
<label for="order">{{field_order}}</label>
<select id="order" name="order">
<option value="newest"{{#NEWEST}} selected{{/NEWEST}}>{{order_newest}}</option>
<option value="oldest"{{#OLDEST}} selected{{/OLDEST}}>{{order_oldest}}</option>
</select>
</div>
