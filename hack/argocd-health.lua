-- Runs one Argo CD health check as Argo CD does: the check's chunk runs with the global obj set to the live object,
-- and returns a table with status and message. The files given are joined into one chunk, as make argocd joins
-- common.lua and a kind's file into the check Argo CD runs. Usage (Lua 5.1, as Argo CD embeds):
--   lua5.1 hack/argocd-health.lua deploy/argocd/health/common.lua deploy/argocd/health/EcsService.lua < object.lua
-- where object.lua is `return { ... }`, the object as a Lua table (the tests convert JSON to that form).
-- Prints the status on the first line and the message on the second.
if arg[1] == nil then
  io.stderr:write("usage: lua5.1 argocd-health.lua CHECK.lua... < OBJECT.lua\n")
  os.exit(64)
end
local parts = {}
for i = 1, #arg do
  local file, open_error = io.open(arg[i], "r")
  if file == nil then
    io.stderr:write(open_error .. "\n")
    os.exit(66)
  end
  parts[#parts + 1] = file:read("*a")
  file:close()
end

local object, problem = loadstring(io.read("*a"), "object")
if object == nil then
  io.stderr:write("the object is not a Lua chunk: " .. problem .. "\n")
  os.exit(65)
end
obj = object()

local chunk, compile_error = loadstring(table.concat(parts), arg[#arg])
if chunk == nil then
  io.stderr:write(compile_error .. "\n")
  os.exit(66)
end

local ok, hs = pcall(chunk)
if not ok then
  io.stderr:write("the check failed: " .. tostring(hs) .. "\n")
  os.exit(70)
end
if type(hs) ~= "table" then
  io.stderr:write("the check returned " .. type(hs) .. ", not a table\n")
  os.exit(70)
end
io.write(tostring(hs.status), "\n", tostring(hs.message), "\n")
