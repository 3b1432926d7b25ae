--[==[
clio.lua: a Pandoc Lua filter doing what `clio export` does, inside pandoc.

  pandoc paper.md --lua-filter pandoc/clio.lua --citeproc -o paper.html

- Date tags `{1961-12}` are dropped. With `-M clio-keep-dates=true` each claim
  (from its tag to the end of its sentence) becomes a span instead:
  [claim text]{.claim date="1961-12"}, as `clio export --keep-dates` writes.
- Entity links `[[target]]` / `[[target|shown]]` become their shown text.
- The `clio:` block of the metadata is removed. Citations are left to citeproc.

Pandoc reads `[[Soviet Union]]` as plain text split over several Str and Space
elements and `{1961-12}` as a Str, so the filter works on whole inline lists.
Code, math and raw HTML are separate elements, never touched.
Works with pandoc 2.17 (Debian 12) and later.
--]==]

local keep_dates = false

local ABBREVIATIONS = {
  ["p."] = true, ["pp."] = true, ["cf."] = true, ["e.g."] = true, ["i.e."] = true,
  ["vol."] = true, ["no."] = true, ["ed."] = true, ["eds."] = true, ["st."] = true,
  ["dr."] = true, ["gen."] = true, ["u.s."] = true, ["u.k."] = true,
}

local function is_str(el) return el and el.t == "Str" end
local function is_gap(el) return el and (el.t == "Space" or el.t == "SoftBreak" or el.t == "LineBreak") end

-- An EDTF date tag's content: digits, X/u placeholders, - / . and the qualifiers ? ~ %.
local function is_date_content(s)
  return s:match("^[%dXu%-%+/%.%?~%%]+$") ~= nil and s:match("%d") ~= nil
end

local function leap(year)
  return (year % 4 == 0 and year % 100 ~= 0) or year % 400 == 0
end

local DAYS = { 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31 }

-- One EDTF date (no interval): year[-month|season[-day]] with optional qualifiers and X digits.
local function valid_date(part)
  if part == ".." or part == "" then return true end
  part = part:gsub("[%?~%%]", "")
  local year, month, day = part:match("^(%-?[%dX]+)%-([%dX][%dX])%-([%dX][%dX])$")
  if not year then year, month = part:match("^(%-?[%dX]+)%-([%dX][%dX])$") end
  if not year then year = part:match("^(%-?[%dX]+)$") end
  if not year or #year:gsub("^%-", "") < 4 then return false end
  local m = month and not month:find("X") and tonumber(month)
  if m and not ((m >= 1 and m <= 12) or (not day and m >= 21 and m <= 41)) then return false end
  local d = day and not day:find("X") and tonumber(day)
  if d then
    local limit = 31
    if m and m <= 12 then
      limit = DAYS[m]
      local y = not year:find("X") and tonumber(year)
      if m == 2 and (not y or leap(y)) then limit = 29 end
    end
    if d < 1 or d > limit then return false end
  end
  return true
end

local function valid_edtf(text)
  local from, to = text:match("^([^/]*)/([^/]*)$")
  if from then return (from ~= "" or to ~= "") and valid_date(from) and valid_date(to) end
  return valid_date(text)
end

-- Finds the first date tag in a string: start, end (inclusive) and its EDTF text.
local function find_date_tag(text, from)
  local pos = from or 1
  while true do
    local s, e = text:find("%b{}", pos)
    if not s then return nil end
    local inner = text:sub(s + 1, e - 1)
    if is_date_content(inner) then return s, e, inner end
    pos = s + 1
  end
end

---------------------------------------------------------------- entity links

-- The shown part of a link's inner inlines: after the first `|`, else all of it.
local function shown_part(inner)
  for k, el in ipairs(inner) do
    if is_str(el) then
      local bar = el.text:find("|", 1, true)
      if bar then
        local shown = pandoc.List()
        local tail = el.text:sub(bar + 1)
        if #tail > 0 then shown:insert(pandoc.Str(tail)) end
        for m = k + 1, #inner do shown:insert(inner[m]) end
        return shown
      end
    end
  end
  return inner
end

local function trim_gaps(list)
  while #list > 0 and is_gap(list[1]) do list:remove(1) end
  while #list > 0 and is_gap(list[#list]) do list:remove(#list) end
  return list
end

local function replace_links(inlines)
  local out = pandoc.List()
  local items = pandoc.List()
  for _, el in ipairs(inlines) do items:insert(el) end
  local i = 1
  while i <= #items do
    local el = items[i]
    local open = is_str(el) and el.text:find("[[", 1, true)
    if not open then
      out:insert(el)
      i = i + 1
    else
      local before = el.text:sub(1, open - 1)
      local current = el.text:sub(open + 2)
      local inner = pandoc.List()
      local j = i
      local after = nil
      while true do
        local close = current:find("]]", 1, true)
        if close then
          if close > 1 then inner:insert(pandoc.Str(current:sub(1, close - 1))) end
          after = current:sub(close + 2)
          break
        end
        if #current > 0 then inner:insert(pandoc.Str(current)) end
        j = j + 1
        -- A link never spans a paragraph; give up after a sentence's worth of words.
        if j > #items or j - i > 80 then break end
        local nxt = items[j]
        if is_str(nxt) then
          current = nxt.text
        else
          inner:insert(nxt)
          current = ""
        end
      end
      if after == nil then
        -- No closing brackets: keep the text as written.
        out:insert(el)
        i = i + 1
      else
        if #before > 0 then out:insert(pandoc.Str(before)) end
        out:extend(trim_gaps(shown_part(inner)))
        if #after > 0 then
          items[j] = pandoc.Str(after)
          i = j
        else
          i = j + 1
        end
      end
    end
  end
  return out
end

---------------------------------------------------------------- date tags

-- Whether a Str ends a sentence: . ! ? (before closing quotes or brackets), not an abbreviation.
local function ends_sentence(text)
  local core = text:gsub("[\"'%)%]\u{2019}\u{201D}]+$", "")
  if not core:match("[%.!%?]$") then return false end
  if core:match("[!%?]$") then return true end
  local word = (core:match("([^%s%(%[\"\u{201C}]+)$") or core):lower()
  if ABBREVIATIONS[word] then return false end
  if core:match("^%u%.$") or core:match("[%s%(]%u%.$") then return false end
  return true
end

-- Splits every Str holding a date tag so each tag is its own marker element.
local function mark_tags(inlines)
  local out = pandoc.List()
  for _, el in ipairs(inlines) do
    if is_str(el) and find_date_tag(el.text) then
      local text = el.text
      local pos = 1
      while true do
        local s, e, edtf = find_date_tag(text, pos)
        if not s then break end
        if s > pos then out:insert(pandoc.Str(text:sub(pos, s - 1))) end
        out:insert({ clio_tag = edtf, clio_invalid = not valid_edtf(edtf) })
        pos = e + 1
      end
      if pos <= #text then out:insert(pandoc.Str(text:sub(pos))) end
    else
      out:insert(el)
    end
  end
  return out
end

-- Drops a tag with the blank after it; before a line break, punctuation or the end, the blank before it.
local function drop_tag(out, items, i)
  local nxt = items[i + 1]
  if nxt and nxt.t == "Space" then return i + 1 end
  local closes = nxt == nil or is_gap(nxt) or (is_str(nxt) and nxt.text:match("^[,%.;:!%?%)%]]") ~= nil)
  if closes and out[#out] and out[#out].t == "Space" then out:remove(#out) end
  return i
end

local function drop_tags(items)
  local out = pandoc.List()
  local i = 1
  while i <= #items do
    local el = items[i]
    if el.clio_tag then
      i = drop_tag(out, items, i)
    else
      out:insert(el)
    end
    i = i + 1
  end
  return out
end

local function wrap_claims(items)
  local out = pandoc.List()
  local i = 1
  while i <= #items do
    local el = items[i]
    if not el.clio_tag then
      out:insert(el)
      i = i + 1
    elseif el.clio_invalid then
      -- `clio export` drops an invalid tag and leaves its sentence unwrapped.
      i = drop_tag(out, items, i) + 1
    else
      -- Blanks as `clio export` leaves them: a line break stays outside the span.
      local j = drop_tag(out, items, i) + 1
      while is_gap(items[j]) do
        out:insert(items[j])
        j = j + 1
      end
      local claim = pandoc.List()
      while j <= #items and not items[j].clio_tag do
        local item = items[j]
        claim:insert(item)
        j = j + 1
        if is_str(item) and ends_sentence(item.text) and (items[j] == nil or is_gap(items[j])) then break end
      end
      if #claim > 0 then
        out:insert(pandoc.Span(claim, pandoc.Attr("", { "claim" }, { { "date", el.clio_tag } })))
      elseif is_gap(out[#out]) then
        out:remove(#out)
      end
      i = j
    end
  end
  return out
end

-- Adjacent Str elements merged, as pandoc's reader would have produced them.
local function merge_strs(inlines)
  local out = pandoc.List()
  for _, el in ipairs(inlines) do
    local last = out[#out]
    if is_str(el) and is_str(last) then
      out[#out] = pandoc.Str(last.text .. el.text)
    else
      out:insert(el)
    end
  end
  return out
end

local function process(inlines)
  local items = mark_tags(replace_links(inlines))
  local result = keep_dates and wrap_claims(items) or drop_tags(items)
  for _, el in ipairs(result) do
    if el.t == "Span" and el.classes[1] == "claim" then el.content = merge_strs(el.content) end
  end
  return merge_strs(result)
end

local function truthy(value)
  if value == nil then return false end
  if type(value) == "boolean" then return value end
  local s = pandoc.utils.stringify(value):lower()
  return s == "true" or s == "yes" or s == "1"
end

return {
  {
    Meta = function(meta)
      keep_dates = truthy(meta["clio-keep-dates"])
    end,
  },
  {
    Inlines = process,
    Meta = function(meta)
      meta.clio = nil
      meta["clio-keep-dates"] = nil
      return meta
    end,
  },
}
