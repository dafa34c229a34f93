-- Demo accounts loaded by `make run` (never in production). Re-runnable.
INSERT INTO accounts (umin_id, family_name, given_name, family_reading,
                      given_reading, gender, birth_date, external_mail,
                      category, created_at, updated_at)
VALUES
  ('umin101-test',  '山田', '太郎', 'やまだ', 'たろう',   'male',   '1980-04-01',
   'taro@example.org',   'individual', UTC_TIMESTAMP(), UTC_TIMESTAMP()),
  ('umin102-nomail', '鈴木', '一郎', 'すずき', 'いちろう', 'male',   '1975-12-31',
   NULL,                 'individual', UTC_TIMESTAMP(), UTC_TIMESTAMP()),
  ('umin201-role',  '医局', '秘書', 'いきょく', 'ひしょ', 'female', '1970-01-01',
   'office@example.org', 'role',       UTC_TIMESTAMP(), UTC_TIMESTAMP()),
  ('umin301-twin',  '佐藤', '花子', 'さとう', 'はなこ',   'female', '1990-01-15',
   'hanako1@example.org', 'individual', UTC_TIMESTAMP(), UTC_TIMESTAMP()),
  ('umin302-twin',  '佐藤', '花子', 'さとう', 'はなこ',   'female', '1990-01-15',
   'hanako2@example.org', 'individual', UTC_TIMESTAMP(), UTC_TIMESTAMP()),
  ('umin401-kanji', '髙橋', '健一', 'たかはし', 'けんいち', 'male', '1985-07-07',
   'kenichi@example.org', 'individual', UTC_TIMESTAMP(), UTC_TIMESTAMP())
ON DUPLICATE KEY UPDATE
  family_name = VALUES(family_name), given_name = VALUES(given_name),
  family_reading = VALUES(family_reading), given_reading = VALUES(given_reading),
  gender = VALUES(gender), birth_date = VALUES(birth_date),
  external_mail = VALUES(external_mail), category = VALUES(category),
  updated_at = UTC_TIMESTAMP();
