-- wrk script for POST /api/v1/comments: every request is a new, valid
-- comment with a distinct markdown body of 200 to 600 characters, and every
-- answer other than 201 Created is counted (wrk itself counts only statuses
-- above 399, so a 202 "held for moderation" would otherwise pass unseen).
--
--   wrk -t1 -c64 -d15s -s bench/post.lua URL/api/v1/comments -- SITE THREAD
--
-- done() prints machine-readable lines that bench/run.sh reads:
--   post_created N      answers with status 201
--   post_other N        answers with any other status
--   post_first_other S  the first such status and the start of its body

local threads = {}

function setup(thread)
  table.insert(threads, thread)
  thread:set("thread_no", #threads)
end

-- Words and markdown shapes for the bodies. Nothing in them needs escaping
-- inside a JSON string; paragraph breaks are written as the JSON escape \n.
local words = {
  "the", "court", "ruling", "journalists", "were", "detained", "after", "a",
  "protest", "outside", "parliament", "while", "observers", "asked", "for",
  "access", "to", "the", "prison", "and", "families", "waited", "news", "of",
  "lawyers", "land", "disputes", "wages", "elections", "freedom", "press",
  "farmers", "teachers", "monks", "students", "union", "leaders", "province",
}

-- Globals, not locals: done() reads them from each thread with thread:get().
created, other = 0, 0
first_other = nil
local serial = 0
local site, thread_key

function init(args)
  site = args[1] or "bench"
  thread_key = args[2] or "bench-post"
  math.randomseed(7919 * (thread_no or 1))
end

local function sentence()
  local n = math.random(6, 14)
  local out = {}
  for i = 1, n do
    local w = words[math.random(#words)]
    local r = math.random()
    if r < 0.04 then
      w = "*" .. w .. "*"
    elseif r < 0.06 then
      w = "**" .. w .. "**"
    elseif r < 0.07 then
      w = "[" .. w .. "](https://news.example.org/" .. w .. ")"
    end
    out[i] = w
  end
  return table.concat(out, " ") .. "."
end

local function body()
  serial = serial + 1
  -- The serial makes every body distinct across threads and requests.
  local text = "Reader " .. (thread_no or 1) .. "-" .. serial .. " writes: " .. sentence()
  local target = math.random(200, 600)
  while #text < target do
    if math.random() < 0.3 then
      text = text .. "\\n\\n" .. sentence()
    else
      text = text .. " " .. sentence()
    end
  end
  if #text > 600 then
    -- Cut to 600 bytes; a cut through the escape \n must not leave a lone
    -- backslash, which would end the JSON string early.
    text = string.sub(text, 1, 600):gsub("\\+$", "")
  end
  return text
end

local headers = { ["Content-Type"] = "application/json" }

function request()
  local json = '{"site":"' .. site .. '","thread":"' .. thread_key ..
               '","author":"Bench Reader","body":"' .. body() .. '"}'
  return wrk.format("POST", nil, headers, json)
end

function response(status, hdrs, resp_body)
  if status == 201 then
    created = created + 1
  else
    other = other + 1
    if first_other == nil then
      first_other = status .. " " .. string.sub(resp_body or "", 1, 200)
    end
  end
end

function done(summary, latency, requests)
  local c, o, first = 0, 0, nil
  for _, t in ipairs(threads) do
    c = c + (t:get("created") or 0)
    o = o + (t:get("other") or 0)
    first = first or t:get("first_other")
  end
  io.write(string.format("post_created %d\n", c))
  io.write(string.format("post_other %d\n", o))
  if first then io.write("post_first_other " .. first .. "\n") end
end
