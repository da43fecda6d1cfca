-- Helpers shared by the EcsOnK8s health checks. make argocd puts this file before each <Kind>.lua: the check Argo CD
-- runs for a kind is this file followed by that kind's file (Lua 5.1, one chunk, the live object bound to obj).
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
