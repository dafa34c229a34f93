"""send_profile: identity normalisation, exactly one match, field errors."""
import unittest

import a11y
import flows
import harness

TARO = {
    "family_name": "山田", "given_name": "太郎",
    "family_reading": "やまだ", "given_reading": "たろう",
    "gender": "male", "birth_date": "1980/04/01",
}
HANAKO = {
    "family_name": "佐藤", "given_name": "花子",
    "family_reading": "さとう", "given_reading": "はなこ",
    "gender": "female", "birth_date": "1990/01/15",
}


class SendProfile(flows.FlowTestCase, a11y.FieldErrorAsserts):
    def test_form_has_the_seed_text(self):
        page = self.browser.get(flows.SEND_PROFILE)
        for text in ["ご本人様確認のための情報です", "正確にご入力をお願いします",
                     "姓", "名", "せい", "めい", "男性", "女性",
                     "西暦 yyyy/mm/ddの形式にて入力", "アクセスコード送信"]:
            self.assertIn(text, page.text)

    def test_spelling_variants_match_one_account(self):
        variants = [
            dict(TARO),
            dict(TARO, family_name="山田　", given_name=" 太郎",
                 family_reading="ヤマダ", given_reading="ﾀﾛｳ",
                 birth_date="1980-04-01"),
            dict(TARO, family_reading="や ま だ", birth_date="19800401"),
            dict(TARO, birth_date="１９８０／０４／０１"),
        ]
        for fields in variants:
            with self.subTest(fields=fields):
                flows.reset_limits()
                browser = harness.Browser()
                response = flows.request_code_by_profile(browser, **fields)
                self.assertEqual(response.status_code, 303, response.text)
                self.assertEqual(harness.location_path(response), flows.CODE)
                code_page = browser.get(flows.CODE)
                # Reached from identity data: the ID itself is never shown.
                self.assertNotIn("umin101-test", code_page.text)
                self.assertIn("t***@example.org", code_page.text)
                self.assertIn("u***@umin.ac.jp", code_page.text)
        self.mailbox.wait_for("taro@example.org", self.mark,
                              count=len(variants))
        self.assertEqual(flows.flow_row("umin101-test")["via"], "profile")

    def test_variant_kanji_fold(self):
        response = flows.request_code_by_profile(
            self.browser, family_name="高橋", given_name="健一",
            family_reading="たかはし", given_reading="けんいち",
            gender="male", birth_date="1985/07/07")
        self.assertEqual(response.status_code, 303)
        self.mailbox.wait_for_one("kenichi@example.org", self.mark)

    def assert_three_reason_page(self, response):
        self.assertEqual(response.status_code, 200)
        for text in ["アクセスコード送信失敗",
                     "ご入力の内容で一致するUMIN IDが存在しない",
                     "ご入力の内容で複数のUMIN IDが存在する",
                     "「役職・業務・管理・団体」等の申請内容確認が必要な区分の場合",
                     "大変恐縮ですが下記より、お手続きをお願いいたします。"]:
            self.assertIn(text, response.text)
        self.assertEqual(harness.links(response.text).get(
            "オペレータへパスワード更新申請"), "/cgi-open-bin/passwd/operator_request")
        self.assertIsNone(self.browser.cookie(flows.FLOW_COOKIE))

    def test_several_matches_are_refused(self):
        self.assert_three_reason_page(
            flows.request_code_by_profile(self.browser, **HANAKO))
        self.mailbox.assert_none("hanako1@example.org", self.mark)
        self.mailbox.assert_none("hanako2@example.org", self.mark, wait=0)

    def test_no_match_is_refused(self):
        self.assert_three_reason_page(flows.request_code_by_profile(
            self.browser, **dict(TARO, given_name="次郎")))
        self.assert_three_reason_page(flows.request_code_by_profile(
            self.browser, **dict(TARO, gender="female")))
        self.assert_three_reason_page(flows.request_code_by_profile(
            self.browser, **dict(TARO, birth_date="1980/04/02")))

    def test_review_category_is_refused(self):
        account = flows.fresh_account(category="group", birth_date="1966-06-06")
        self.assert_three_reason_page(flows.request_code_by_profile(
            self.browser, family_name="試験", given_name="太郎",
            family_reading="しけん", given_reading="たろう", gender="male",
            birth_date="1966/06/06"))
        self.assertIsNone(flows.flow_row(account))

    def test_field_errors_are_shown_next_to_the_field_with_input_kept(self):
        cases = [
            (dict(TARO, family_name=""), "姓をご入力ください。"),
            (dict(TARO, given_name="　"), "名をご入力ください。"),
            (dict(TARO, family_reading="yamada"), "せいをひらがなでご入力ください。"),
            (dict(TARO, given_reading="太郎"), "めいをひらがなでご入力ください。"),
            (dict(TARO, gender=""), "性別をお選びください。"),
            (dict(TARO, birth_date="2023/02/29"), "正しい日付をご入力ください。"),
            (dict(TARO, birth_date="1980/13/01"), "正しい日付をご入力ください。"),
            (dict(TARO, birth_date="3000/01/01"), "生年月日に未来の日付は入力できません。"),
        ]
        for fields, message in cases:
            with self.subTest(fields=fields):
                response = flows.request_code_by_profile(self.browser, **fields)
                self.assertEqual(response.status_code, 200)
                self.assertIn(message, response.text)
                self.assertIn("入力内容をご確認ください。", response.text)
                for name in ["family_name", "given_name", "family_reading",
                             "given_reading", "birth_date"]:
                    if fields[name]:
                        self.assertIn('value="%s"' % fields[name],
                                      response.text)
        self.mailbox.assert_none("taro@example.org", self.mark)

    def test_each_error_is_tied_to_its_input(self):
        response = flows.request_code_by_profile(
            self.browser, **dict(TARO, family_name=""))
        self.assert_error_tied(response.text, "family_name",
                               "姓をご入力ください。")
        for other in ["given_name", "family_reading", "given_reading",
                      "gender_male", "gender_female"]:
            self.assert_no_error_tied(response.text, other)
        # The hint stays described beside the error.
        response = flows.request_code_by_profile(
            self.browser, **dict(TARO, birth_date="1980/13/01", gender=""))
        self.assert_error_tied(response.text, "birth_date",
                               "正しい日付をご入力ください。")
        self.assert_error_tied(response.text, "birth_date",
                               "西暦 yyyy/mm/ddの形式にて入力")
        for radio in ["gender_male", "gender_female"]:
            self.assert_error_tied(response.text, radio, "性別をお選びください。")

    def test_several_errors_are_listed_at_the_top_with_links(self):
        # One error: the notice, no list.
        one = flows.request_code_by_profile(
            self.browser, **dict(TARO, family_name=""))
        self.assertIn("入力内容をご確認ください。", one.text)
        self.assertEqual(a11y.summary_links(one.text), [])
        several = flows.request_code_by_profile(
            self.browser, **dict(TARO, birth_date="", gender="",
                                 family_reading="yamada", family_name=""))
        self.assertEqual(a11y.summary_links(several.text), [
            ("姓をご入力ください。", "#family_name"),
            ("せいをひらがなでご入力ください。", "#family_reading"),
            ("性別をお選びください。", "#gender_male"),
            ("生年月日は西暦 yyyy/mm/ddの形式にて、正しい日付をご入力ください。",
             "#birth_date"),
        ])
        # The list comes before the form.
        self.assertLess(several.text.index('id="error_summary"'),
                        several.text.index("<form"))

    def test_code_page_uses_the_seeds_second_wording(self):
        response = flows.request_code_by_profile(self.browser, **TARO)
        self.assertEqual(response.status_code, 303, response.text)
        page = self.browser.get(flows.CODE)
        text = harness.text(page.text)
        self.assertIn("登録されているメールアドレスへ送信いたしました。", text)
        self.assertIn("アクセスコードを10分以内に新しいパスワードに再設定をお願いします。",
                      text)
        self.assertNotIn("登録されているメールアドレスへアクセスコードを送信いたしました。",
                         text)
        self.assertNotIn("【パスワード更新】から10分以内", text)
        # A wrong code keeps the wording.
        code = flows.wait_for_code(self.mailbox, "taro@example.org", self.mark)
        wrong = flows.enter_code(self.browser,
                                 "%010d" % ((int(code) + 1) % 10**10))
        self.assertIn("アクセスコードが正しくありません。", wrong.text)
        self.assertIn("登録されているメールアドレスへ送信いたしました。",
                      harness.text(wrong.text))


if __name__ == "__main__":
    unittest.main()
