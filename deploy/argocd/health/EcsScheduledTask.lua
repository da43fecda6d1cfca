-- Argo CD health check for ecsonk8s.io/EcsScheduledTask (resource.customizations.health.ecsonk8s.io_EcsScheduledTask).
-- Lua 5.1, run by Argo CD with the live object bound to obj, after the helpers of common.lua (make argocd joins them).

-- A disabled schedule is suspended whatever the operator has reported.
if obj.spec ~= nil and obj.spec.state == "DISABLED" then
  hs.status = "Suspended"
  hs.message = "The schedule is DISABLED: no run starts"
  return hs
end

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

local ended = condition("Ended")
if is_true(ended) then
  hs.status = "Healthy"
  hs.message = explain(ended, "No fire time is left")
  return hs
end

if is_true(ready) then
  hs.status = "Healthy"
  if obj.status.nextScheduleTime ~= nil then
    hs.message = "Next run at " .. obj.status.nextScheduleTime
  else
    hs.message = explain(ready, "Scheduled")
  end
  return hs
end

hs.status = "Progressing"
hs.message = explain(ready, "Waiting for the schedule to be set up")
return hs
