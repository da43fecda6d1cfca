-- Argo CD health check for ecsonk8s.io/EcsTask (resource.customizations.health.ecsonk8s.io_EcsTask).
-- Lua 5.1, run by Argo CD with the live object bound to obj, after the helpers of common.lua (make argocd joins them).

local pending = waiting()
if pending ~= nil then
  hs.status = "Progressing"
  hs.message = pending
  return hs
end

local degraded = condition("Degraded")
if is_true(degraded) then
  hs.status = "Degraded"
  hs.message = explain(degraded, "Degraded")
  return hs
end

local ready = condition("Ready")

local last = obj.status.lastStatus
-- A task that runs, or ran to its end without failing, is what was asked for.
if last == "STOPPED" or last == "RUNNING" then
  hs.status = "Healthy"
  if ready ~= nil and ready.message ~= nil and ready.message ~= "" then
    hs.message = ready.message
  else
    hs.message = "Tasks " .. last
  end
  return hs
end

hs.status = "Progressing"
if last ~= nil then
  hs.message = "Tasks " .. last
else
  hs.message = explain(ready, "Waiting for the tasks to start")
end
return hs
