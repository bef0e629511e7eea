-- wrk script: each request takes a random line of the file named by the first argument.
-- GET: a line is a path. POST: a line is a form body sent to the path given as second argument.
local lines = {}
local method = "GET"
local post_path = nil

function init(args)
  for line in io.lines(args[1]) do lines[#lines + 1] = line end
  if args[2] then method = "POST"; post_path = args[2] end
  math.randomseed(os.time() + math.floor(os.clock() * 1000000))
end

function request()
  local line = lines[math.random(#lines)]
  if method == "POST" then
    return wrk.format("POST", post_path, {["Content-Type"] = "application/x-www-form-urlencoded"}, line)
  end
  return wrk.format("GET", line)
end
