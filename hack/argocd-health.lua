-- Runs one Argo CD health check as Argo CD does: the check's chunk runs with the global obj set to the live object,
-- and returns a table with status and message. Usage (Lua 5.1, as Argo CD embeds):
--   lua5.1 hack/argocd-health.lua deploy/argocd/health/EcsService.lua < object.lua
-- where object.lua is `return { ... }`, the object as a Lua table (the tests convert JSON to that form).
-- Prints the status on the first line and the message on the second.
local check = arg[1]
if check == nil then
  io.stderr:write("usage: lua5.1 argocd-health.lua CHECK.lua < OBJECT.lua\n")
  os.exit(64)
end

local object, problem = loadstring(io.read("*a"), "object")
if object == nil then
  io.stderr:write("the object is not a Lua chunk: " .. problem .. "\n")
  os.exit(65)
end
obj = object()

local chunk, compile_error = loadfile(check)
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
