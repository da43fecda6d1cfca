-- Argo CD health check for ecsonk8s.io/EcsService (resource.customizations.health.ecsonk8s.io_EcsService).
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

local desired = obj.status.desiredCount or 0
local running = obj.status.runningCount or 0
local counts = running .. "/" .. desired .. " tasks running"

local rollout = nil
if obj.status.deployments ~= nil then
  for _, d in ipairs(obj.status.deployments) do
    if d.status == "PRIMARY" then
      rollout = d
    end
  end
end

if rollout ~= nil and rollout.rolloutState == "FAILED" then
  hs.status = "Degraded"
  hs.message = "Rollout of " .. (rollout.taskDefinition or "?") .. " failed: " .. (rollout.rolloutStateReason or "") .. " (" .. counts .. ")"
  return hs
end

if is_true(ready) then
  if desired == 0 then
    hs.status = "Suspended"
    hs.message = "Scaled to zero tasks"
  else
    hs.status = "Healthy"
    hs.message = "Steady state: " .. counts
  end
  return hs
end

hs.status = "Progressing"
local progressing = condition("Progressing")
if is_true(progressing) then
  hs.message = explain(progressing, "Rolling out") .. " (" .. counts .. ")"
else
  hs.message = explain(ready, "Waiting for a steady state") .. " (" .. counts .. ")"
end
return hs
