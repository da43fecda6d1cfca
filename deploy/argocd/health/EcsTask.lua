-- Argo CD health check for ecsonk8s.io/EcsTask (resource.customizations.health.ecsonk8s.io_EcsTask).
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
