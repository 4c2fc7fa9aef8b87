-- Headless check of the grammar in Neovim's own tree-sitter, run by
-- editors/test (Debian's Neovim is 0.7, the oldest the README covers):
--
--   nvim --headless -u NONE -i NONE --cmd 'set rtp^=DIR' -l ... (see
--   editors/test), with DIR holding parser/rook.so and queries/rook/
--
-- 1. the parser loads from the runtime path and every example parses
--    without an error;
-- 2. Neovim's query engine compiles queries/highlights.scm, and at each
--    position annotated in test/highlight/*.rook the innermost capture is
--    the one asserted (`!name`: not that one).
--
-- Prints one line per failure and `neovim: N passed, M failed`; exits
-- non-zero when anything failed.

local root = vim.env.ROOK_ROOT
local passed, failed = 0, 0
local function check(ok, message)
  if ok then
    passed = passed + 1
  else
    failed = failed + 1
    print('FAIL ' .. message)
  end
end

local parse_query = (vim.treesitter.query and vim.treesitter.query.parse) or vim.treesitter.parse_query

local function read_buffer(path)
  vim.cmd('silent edit ' .. vim.fn.fnameescape(path))
  return vim.api.nvim_get_current_buf()
end

-- 1. Examples
for _, path in ipairs(vim.fn.sort(vim.fn.glob(root .. '/examples/**/*.rook', false, true))) do
  local buf = read_buffer(path)
  local ok, parser = pcall(vim.treesitter.get_parser, buf, 'rook')
  check(ok, path .. ': no rook parser: ' .. tostring(parser))
  if ok then
    local tree = parser:parse()[1]
    check(not tree:root():has_error(), path .. ': syntax errors')
  end
  vim.cmd('bwipeout!')
end

-- 2. Highlight assertions
local query_text = table.concat(vim.fn.readfile(root .. '/editors/tree-sitter-rook/queries/highlights.scm'), '\n')
local ok, query = pcall(parse_query, 'rook', query_text)
check(ok, 'queries/highlights.scm: ' .. tostring(query))

local function innermost(captures, row, col)
  local best, best_size
  for _, c in ipairs(captures) do
    local sr, sc, er, ec = c.node:range()
    local inside = (row > sr or (row == sr and col >= sc)) and (row < er or (row == er and col < ec))
    if inside then
      local size = (er - sr) * 100000 + (ec - sc)
      if not best_size or size < best_size then
        best, best_size = c.name, size
      end
    end
  end
  return best or 'no capture'
end

local files = vim.fn.sort(vim.fn.glob(root .. '/editors/tree-sitter-rook/test/highlight/*.rook', false, true))
check(ok and #files > 0, 'no annotated files')
for _, path in ipairs(ok and files or {}) do
  local buf = read_buffer(path)
  local tree = vim.treesitter.get_parser(buf, 'rook'):parse()[1]
  local captures = {}
  for id, node in query:iter_captures(tree:root(), buf, 0, -1) do
    table.insert(captures, { name = query.captures[id], node = node })
  end
  local source_row
  for row, line in ipairs(vim.api.nvim_buf_get_lines(buf, 0, -1, false)) do
    local hash = line:find('#', 1, true)
    local blank = hash and line:sub(1, hash - 1):match('^%s*$')
    local body = blank and line:sub(hash + 1):gsub('^%s*', '') or ''
    local columns, rest = {}, nil
    if blank and body:sub(1, 2) == '<-' then
      columns, rest = { hash - 1 }, body:sub(3)
    elseif blank and body:sub(1, 1) == '^' then
      local i = hash + 1
      while i <= #line and (line:sub(i, i) == '^' or line:sub(i, i) == ' ') do
        if line:sub(i, i) == '^' then
          table.insert(columns, i - 1)
          rest = line:sub(i + 1)
        end
        i = i + 1
      end
    else
      source_row = row - 1
    end
    for name in (rest or ''):gmatch('%S+') do
      local negated = name:sub(1, 1) == '!'
      local expected = negated and name:sub(2) or name
      for _, col in ipairs(columns) do
        local actual = innermost(captures, source_row, col)
        check((actual == expected) ~= negated, string.format('%s:%d:%d: expected %s%s, found %s',
          vim.fn.fnamemodify(path, ':t'), source_row + 1, col + 1, negated and 'not ' or '', expected, actual))
      end
    end
  end
  vim.cmd('bwipeout!')
end

print(string.format('neovim: %d passed, %d failed', passed, failed))
vim.cmd(failed > 0 and 'cquit 1' or 'qall!')
