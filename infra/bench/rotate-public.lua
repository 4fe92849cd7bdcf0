-- wrk script for the public profile through the gateway: each request asks for the next username
-- from $USERNAMES (one per line) and carries the next learner's token from $TOKENS, so the gateway's
-- per-client rate limit (50/s per token and address) sees 200 signed-in visitors, as live traffic
-- would, instead of one client far over its limit. The endpoint itself ignores the token.
local names, tokens = {}, {}
local i = 0

function init(args)
  for line in io.lines(os.getenv("USERNAMES")) do names[#names + 1] = line end
  for line in io.lines(os.getenv("TOKENS")) do tokens[#tokens + 1] = line end
  i = math.random(#names)
end

function request()
  i = i + 1
  return wrk.format("GET", "/api/xp/public-profile/" .. names[i % #names + 1], { ["Authorization"] = "Bearer " .. tokens[i % #tokens + 1] })
end
