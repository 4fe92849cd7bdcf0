-- wrk script: each request carries the next learner's bearer token, from the file named by $TOKENS
-- (one token per line), so the reads spread over many users as real traffic does.
local tokens = {}
local i = 0

function init(args)
  for line in io.lines(os.getenv("TOKENS")) do
    tokens[#tokens + 1] = line
  end
  i = math.random(#tokens) -- each wrk thread starts at another learner
end

function request()
  i = i % #tokens + 1
  return wrk.format(nil, nil, { ["Authorization"] = "Bearer " .. tokens[i] })
end
