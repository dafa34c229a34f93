-- wrk script of make bench (scripts/bench, docs/performance.md): every
-- request goes to nginx's bench server (Host passwd-bench.localhost) with a
-- client address of its own from a pool (X-Forwarded-For, trusted from
-- 127.0.0.1 by that server only), and every answer is checked against what
-- the line claims to measure; done() prints "bench-check: requests N
-- mismatches M exhausted E first-mismatch <status>" for scripts/bench.
--
--   wrk ... -s bench/bench.lua URL -- KIND [FILE]
--
-- KIND:
--   get            GET, expects 200 (BENCH_COOKIE: a Cookie header;
--                  BENCH_MARKER: a text the body must contain; BENCH_XFF=0:
--                  no X-Forwarded-For, i.e. from 127.0.0.1)
--   send_id        POST umin_id=<a bench account, rotating>, expects 303
--                  to the code page
--   code_wrong     POST a wrong code to a fresh flow of FILE ("token code"
--                  lines), expects 200 with two tries left
--   code_right     POST the right code to a fresh flow, expects 303 to
--                  new_password
--   pw_refused     POST a policy-failing password with a verified flow of
--                  FILE (reused in turn), expects 200 and a field error
--   pw_accepted    POST a good password with a fresh verified flow,
--                  expects 303 to done
--   operator_request  POST a valid form, expects 303 to the receipt
-- The CSRF cookie and field come from BENCH_CSRF_COOKIE and BENCH_CSRF_TOKEN
-- (one pair fetched by scripts/bench, valid for every request).

local threads = {}
local counter = 1

function setup(thread)
  thread:set("id", counter)
  counter = counter + 1
  table.insert(threads, thread)
end

-- Globals, read by done() through thread:get.
requests, mismatches, exhausted, first_bad = 0, 0, 0, ""
local use_xff, kind, entries, next_entry, step, accounts, account_base, addresses, csrf_cookie, csrf_token
local expect_status, expect_location, expect_body

local function urlencode(s)
  return (s:gsub("[^%w%-_%.~]", function(c)
    return string.format("%%%02X", string.byte(c))
  end))
end

local function form(fields)
  local parts = {}
  for _, kv in ipairs(fields) do
    parts[#parts + 1] = kv[1] .. "=" .. urlencode(kv[2])
  end
  return table.concat(parts, "&")
end

function init(args)
  kind = args[1] or "get"
  requests, mismatches, exhausted, first_bad = 0, 0, 0, ""
  entries = {}
  if args[2] then
    for line in io.lines(args[2]) do
      local a, b = line:match("^(%S+)%s*(%S*)$")
      if a then entries[#entries + 1] = {a, b} end
    end
  end
  -- Thread `id` of `nthreads` takes entries id, id + nthreads, ...
  step = tonumber(os.getenv("BENCH_THREADS") or "1")
  next_entry = id
  accounts = tonumber(os.getenv("BENCH_ACCOUNTS") or "1")
  account_base = tonumber(os.getenv("BENCH_ACCOUNT_FIRST") or "0")
  addresses = tonumber(os.getenv("BENCH_ADDRESSES") or "4096")
  csrf_cookie = os.getenv("BENCH_CSRF_COOKIE") or ""
  csrf_token = os.getenv("BENCH_CSRF_TOKEN") or ""
  -- BENCH_XFF=0: from 127.0.0.1 itself (the console allows no other).
  use_xff = os.getenv("BENCH_XFF") ~= "0"
  math.randomseed(os.time() * 100 + id)
  wrk.headers["Host"] = "passwd-bench.localhost"
  expect_status, expect_location, expect_body = 200, nil, os.getenv("BENCH_MARKER")
  if kind == "send_id" then
    expect_status, expect_location = 303, "/cgi-open-bin/passwd/code"
  elseif kind == "code_wrong" then
    expect_body = "\227\129\130\227\129\1682\229\155\158"  -- "あと2回"
  elseif kind == "code_right" then
    expect_status, expect_location = 303, "/cgi-open-bin/passwd/new_password"
  elseif kind == "pw_refused" then
    expect_body = "field-error"
  elseif kind == "pw_accepted" then
    expect_status, expect_location = 303, "/cgi-open-bin/passwd/done"
  elseif kind == "operator_request" then
    expect_status, expect_location = 303, "/cgi-open-bin/passwd/operator_request?receipt="
  end
  if kind ~= "get" then
    wrk.method = "POST"
    wrk.headers["Content-Type"] = "application/x-www-form-urlencoded"
  elseif os.getenv("BENCH_COOKIE") then
    wrk.headers["Cookie"] = os.getenv("BENCH_COOKIE")
  end
end

-- The next entry of FILE; fresh ones are used once, and when they run out
-- the pool starts again (counted: those requests take another path).
local function take(fresh)
  if #entries == 0 then return {"", ""} end
  if next_entry > #entries then
    if fresh then exhausted = exhausted + 1 end
    next_entry = id
  end
  local e = entries[next_entry]
  next_entry = next_entry + step
  return e
end

local function wrong_code(code)
  local last = tonumber(code:sub(-1))
  return code:sub(1, -2) .. tostring((last + 1) % 10)
end

-- A password the policy accepts, new each time (so never one of the
-- account's earlier ones): "Xq7#" for the first eight's mix, then six
-- letters each followed by a symbol. No two of the letters are neighbours
-- on a keyboard line or in the alphabet, and the symbols stand for no
-- letter in l33t, so no run, word or l33t word can form; 50,000 such
-- passwords were all accepted by CheckPassword.
local PW_LETTERS = "bdhkmprwzBDHKMPRWZ"
local PW_SYMBOLS = "~^*_"
local function accepted_password()
  local parts = {"Xq7#"}
  for _ = 1, 6 do
    local l, s = math.random(1, #PW_LETTERS), math.random(1, #PW_SYMBOLS)
    parts[#parts + 1] = PW_LETTERS:sub(l, l) .. PW_SYMBOLS:sub(s, s)
  end
  return table.concat(parts)
end

function request()
  local a = (id * 7919 + requests * step) % addresses
  local headers = {}
  for k, v in pairs(wrk.headers) do headers[k] = v end
  if use_xff then
    headers["X-Forwarded-For"] = string.format("10.%d.%d.%d",
      id, math.floor(a / 256) % 256, a % 256)
  end
  local csrf = "passwd_csrf=" .. csrf_cookie
  local body = nil
  if kind == "get" then
    return wrk.format(nil, nil, headers, nil)
  elseif kind == "send_id" then
    local k = account_base + (id * 104729 + requests * step) % accounts
    headers["Cookie"] = csrf
    body = form({{"csrf_token", csrf_token},
                 {"umin_id", string.format("bn%06d-bench", k)}})
  elseif kind == "code_wrong" or kind == "code_right" then
    local e = take(true)
    headers["Cookie"] = csrf .. "; passwd_flow=" .. e[1]
    local code = kind == "code_right" and e[2] or wrong_code(e[2])
    body = form({{"csrf_token", csrf_token}, {"access_code", code}})
  elseif kind == "pw_refused" or kind == "pw_accepted" then
    local e = take(kind == "pw_accepted")
    headers["Cookie"] = csrf .. "; passwd_flow=" .. e[1]
    local pw = "password"
    if kind == "pw_accepted" then pw = accepted_password() end
    body = form({{"csrf_token", csrf_token}, {"password", pw},
                 {"password_confirmation", pw}})
  elseif kind == "operator_request" then
    headers["Cookie"] = csrf
    body = form({{"csrf_token", csrf_token}, {"umin_id", "bn000000-bench"},
      {"family_name", "山田"}, {"given_name", "太郎"},
      {"family_reading", "やまだ"}, {"given_reading", "たろう"},
      {"birth_date", "1980/04/01"}, {"affiliation", "ベンチ病院"},
      {"contact_mail", string.format("bench-%d-%d@example.org", id, requests)},
      {"reason", "code_not_received"}, {"message", "bench"}})
  end
  return wrk.format(nil, nil, headers, body)
end

function response(status, headers, body)
  requests = requests + 1
  local ok = status == expect_status
  if ok and expect_location then
    local location = headers["Location"] or headers["location"] or ""
    ok = location:find(expect_location, 1, true) ~= nil
  end
  if ok and expect_body then
    ok = body ~= nil and body:find(expect_body, 1, true) ~= nil
  end
  if not ok then
    mismatches = mismatches + 1
    if first_bad == "" then first_bad = tostring(status) end
  end
end

function done(summary, latency, reqs)
  local total, bad, ex, first = 0, 0, 0, ""
  for _, thread in ipairs(threads) do
    total = total + (thread:get("requests") or 0)
    bad = bad + (thread:get("mismatches") or 0)
    ex = ex + (thread:get("exhausted") or 0)
    local f = thread:get("first_bad") or ""
    if first == "" then first = f end
  end
  io.write(string.format("bench-check: requests %d mismatches %d exhausted %d first-mismatch %s\n",
    total, bad, ex, first ~= "" and first or "-"))
end
