{{%AUTOESCAPE context="HTML"}}<h1>{{index_title}}</h1>
<p>{{index_intro}}</p>

<div class="choices">
<a class="button choice" href="/cgi-open-bin/passwd/send_id">{{index_choice_id_known}}</a>
<a class="button choice" href="/cgi-open-bin/passwd/send_profile">{{index_choice_id_unknown}}</a>
</div>

<section class="box">
<h2>{{umin_id_heading}}</h2>
<p>{{umin_id_format}}</p>
<p>{{umin_id_no_domain}}</p>
</section>

<section class="box">
<h2>{{general_password_heading}}</h2>
<p>{{general_password_text}}</p>
</section>

<section class="box">
<h2>{{index_no_code_heading}}</h2>
<p>{{index_no_code_text}}</p>
<p><a href="/cgi-open-bin/passwd/operator_request">{{operator_request_link}}</a></p>
</section>
