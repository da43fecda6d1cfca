-- Argo CD health check for ecsonk8s.io/EcsService (resource.customizations.health.ecsonk8s.io_EcsService).
-- Lua 5.1, run by Argo CD with the live object bound to obj. The argocd-cm snippet is made from these files (make argocd).
local hs = {}

local function condition(kind)
  if obj.status ~= nil and obj.status.conditions ~= nil then
    for _, c in ipairs(obj.status.conditions) do
      if c.type == kind then
        return c
      end
    end
  end
  return nil
end

local function is_true(c)
  return c ~= nil and c.status == "True"
end

local function explain(c, fallback)
  if c ~= nil and c.message ~= nil and c.message ~= "" then
    if c.reason ~= nil and c.reason ~= "" then
      return c.reason .. ": " .. c.message
    end
    return c.message
  end
  return fallback
end

local function waiting()
  if obj.status == nil then
    return "Waiting for the operator to report a status"
  end
  local generation = obj.metadata.generation
  local observed = obj.status.observedGeneration
  if generation ~= nil and (observed == nil or observed < generation) then
    return "Waiting for the operator to observe generation " .. generation
  end
  return nil
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
