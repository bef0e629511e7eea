-- wrk script: each request takes a random line of the file named by the first argument.
-- GET: a line is a path. POST: a line is a form body sent to the path given as second argument.
-- "{rand}" in a line becomes a new random number on each request: an address no cache has seen.
local lines = {}
local method = "GET"
local post_path = nil

function init(args)
  for line in io.lines(args[1]) do lines[#lines + 1] = line end
  if args[2] then method = "POST"; post_path = args[2] end
  math.randomseed(os.time() + math.floor(os.clock() * 1000000))
end

function request()
  local line = string.gsub(lines[math.random(#lines)], "{rand}", tostring(math.random(1000000000)))
  if method == "POST" then
    -- wrk.format replaces wrk.headers with the table given: keep the -H headers (cookies).
    local headers = {["Content-Type"] = "application/x-www-form-urlencoded"}
    for name, value in pairs(wrk.headers) do headers[name] = value end
    return wrk.format("POST", post_path, headers, line)
  end
  return wrk.format("GET", line)
end
