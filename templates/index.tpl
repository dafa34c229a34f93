{{%AUTOESCAPE context="HTML"}}<h1>webパスワード更新</h1>
<p>UMIN IDに登録してあるメールアドレス及び、UMIN ID@umin.ac.jpにアクセスコードをお送りしますが、外部メールの登録及び@umin.ac.jpを転送設定済みでないとお受け取りできないこととなります。また、上記両方もセット済みの場合、2つ同時に受信されますので予めご了承ください。</p>

<div class="choices">
<a class="button choice" href="/cgi-open-bin/passwd/send_id">UMIN IDがお分りの場合</a>
<a class="button choice" href="/cgi-open-bin/passwd/send_profile">UMIN IDがご不明の場合</a>
</div>

<section class="box">
<h2>UMIN IDとは</h2>
<p>aaaaaa-aaaの形式でハイフンが入る英数字であり、大文字は含まれません。</p>
<p>また、@umin.ac.jpはメールアドレスですので記入しないでください。</p>
</section>

<section class="box">
<h2>◇一般用パスワードとは</h2>
<p>UMIN ID発行時に必ず付与されるパスワードになります。電子メール・UMIN-CTR・Eメールなど一般的なUMINサービスに必要なパスワードです。INDICEサービス・NCD症例登録システムの利用者へと付与される専用パスワードではありません。</p>
</section>

<section class="box">
<h2>アクセスコードが受け取れない場合</h2>
<p>アクセスコードはUMIN ID@umin.ac.jpおよび登録されているメールアドレスへと配信されますが、外部メールの登録及び、@umin.ac.jpの転送設定がされていない場合、受け取ることができませんので、大変恐縮ですが「オペレータへパスワード更新申請」よりご申請をお願いします。</p>
<p><a href="/cgi-open-bin/passwd/operator_request">オペレータへパスワード更新申請</a></p>
</section>
