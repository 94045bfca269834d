-- make bench: wrk requests rotating over the paths given after "--" (the
-- pages a signed-in buyer sees), for the worker memory run.
local paths = {}
local i = 0

function init(args)
  for _, p in ipairs(args) do
    paths[#paths + 1] = p
  end
end

function request()
  i = i % #paths + 1
  return wrk.format(nil, paths[i])
end
