// Vietnamese for the body editor (django-prose-editor ships no Vietnamese catalogue).
// A classic script: it runs before the editor's modules, which read window.gettext once.
;(() => {
  const vi = {
    "Add caption": "Thêm chú thích",
    "Remove caption": "Bỏ chú thích",
    Cancel: "Hủy",
    Update: "Cập nhật",
    Insert: "Chèn",
    URL: "Địa chỉ (URL)",
    Title: "Tiêu đề",
    "Edit Link": "Sửa liên kết",
    "Open in new window": "Mở ở cửa sổ mới",
    "Insert Table": "Chèn bảng",
    "Table Properties": "Thuộc tính bảng",
    Rows: "Số hàng",
    Columns: "Số cột",
    "Include header row": "Có hàng tiêu đề",
    "Edit HTML": "Sửa mã HTML",
    "The HTML contents of the editor. Note that the allowed HTML is restricted by the editor schema.":
      "Mã HTML của nội dung. Những gì trình soạn thảo không hỗ trợ sẽ bị bỏ khi lưu.",
    Prettify: "Dàn trang mã",
    "List properties": "Thuộc tính danh sách",
    "List type": "Kiểu danh sách",
    "Start at": "Bắt đầu từ",
    Bullets: "Dấu đầu dòng",
    "Decimal numbers": "Số thập phân",
    "Lowercase letters": "Chữ thường",
    "Uppercase letters": "Chữ hoa",
    "Lowercase Roman numerals": "Số La Mã thường",
    "Uppercase Roman numerals": "Số La Mã hoa",
    "Toggle fullscreen": "Toàn màn hình",
  }
  const base = window.gettext
  window.gettext = (s) => vi[s] || (base ? base(s) : s)

  // Menu buttons carry English titles set in code, not through gettext.
  const titles = {
    bold: "In đậm",
    italic: "In nghiêng",
    underline: "Gạch chân",
    strike: "Gạch ngang",
    subscript: "Chỉ số dưới",
    superscript: "Chỉ số trên",
    paragraph: "Đoạn văn",
    heading2: "Tiêu đề cấp 2",
    heading3: "Tiêu đề cấp 3",
    heading4: "Tiêu đề cấp 4",
    bulletList: "Danh sách gạch đầu dòng",
    orderedList: "Danh sách đánh số",
    blockquote: "Trích dẫn",
    link: "Chèn liên kết",
    unlink: "Bỏ liên kết",
    table: "Chèn bảng",
    "history:undo": "Hoàn tác",
    "history:redo": "Làm lại",
    html: "Sửa mã HTML",
  }
  const relabel = (root) => {
    let found = 0
    for (const button of root.querySelectorAll("[data-name]")) {
      found += 1
      const title = titles[button.dataset.name]
      if (!title) continue
      if (button.classList.contains("prose-menubar__option") && button.firstElementChild) {
        // An entry of the block type list ("Heading 2"): its visible text is the label.
        button.firstElementChild.textContent = title
      } else {
        button.title = title
        button.setAttribute("aria-label", title)
      }
    }
    return found
  }
  document.addEventListener("prose-editor:ready", (event) => {
    const root = event.target.closest(".prose-editor") || document
    const { editor } = event.detail
    // The menu is built when the editor emits "create", which may come after "ready".
    const onTransaction = () => {
      if (relabel(root)) editor.off("transaction", onTransaction)
    }
    if (!relabel(root)) editor.on("transaction", onTransaction)
  })
})()
