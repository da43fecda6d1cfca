-- Argo CD health check for ecsonk8s.io/EcsEventRule (resource.customizations.health.ecsonk8s.io_EcsEventRule).
-- Lua 5.1, run by Argo CD with the live object bound to obj, after the helpers of common.lua (make argocd joins them).

-- A disabled rule is suspended whatever the operator has reported.
if obj.spec ~= nil and obj.spec.state == "DISABLED" then
  hs.status = "Suspended"
  hs.message = "The rule is DISABLED: it matches no event"
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

if is_true(ready) then
  hs.status = "Healthy"
  hs.message = explain(ready, "Ready")
  return hs
end

hs.status = "Progressing"
hs.message = explain(ready, "Waiting for the rule to be ready")
return hs
