-- Argo CD health check for ecsonk8s.io/EcsTaskDefinition (resource.customizations.health.ecsonk8s.io_EcsTaskDefinition).
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

if is_true(ready) then
  hs.status = "Healthy"
  if obj.status.taskDefinition ~= nil then
    hs.message = "Latest revision " .. obj.status.taskDefinition
  else
    hs.message = explain(ready, "Ready")
  end
  return hs
end

hs.status = "Progressing"
hs.message = explain(ready, "Waiting for the revision to be registered")
return hs
