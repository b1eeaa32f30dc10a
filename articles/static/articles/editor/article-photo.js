// A photo from the newsroom's library, placed in the body with its caption.
//
// Stored as <figure data-photo-id="12"><figcaption>caption</figcaption></figure>; the public
// page (articles.body.render_body) turns it into a full figure with renditions and credit.
// The journalist picks one of the photos listed in the "Ảnh trong bài" rows of the form
// (saved or not yet), or types a photo number from the library.
import { crel, mergeAttributes, Node } from "django-prose-editor/editor"

const t = (s) => (window.gettext ? window.gettext(s) : s)

const inlinePhotos = (prefix) => {
  const found = []
  const selects = document.querySelectorAll(
    `select[name^="${prefix}-"][name$="-photo"]`,
  )
  for (const select of selects) {
    if (select.name.includes("__prefix__") || !select.value) continue
    const row = select.closest(".inline-related, tr")
    const deleted = row?.querySelector('input[name$="-DELETE"]')
    if (deleted?.checked) continue
    const caption = document.querySelector(
      `[name="${select.name.replace(/-photo$/, "-caption")}"]`,
    )
    found.push({
      id: select.value,
      label: select.selectedOptions[0]?.textContent.trim() || `#${select.value}`,
      caption: caption?.value || "",
    })
  }
  return found
}

const choosePhotoDialog = (editor, options) =>
  new Promise((resolve) => {
    const photos = inlinePhotos(options.inlinePrefix)
    const select = crel("select", { id: "article-photo-choice", name: "choice" }, [
      crel("option", { value: "", textContent: t("— Chọn ảnh trong bài —") }),
      ...photos.map((p) =>
        crel("option", { value: p.id, textContent: `${p.label} (số ${p.id})` }),
      ),
    ])
    const number = crel("input", {
      id: "article-photo-number",
      name: "number",
      type: "number",
      min: 1,
    })
    const caption = crel("input", {
      id: "article-photo-caption",
      name: "caption",
      type: "text",
      size: 60,
      maxLength: 400,
    })
    const error = crel("p", { className: "article-photo-error", role: "alert" })
    select.addEventListener("change", () => {
      const chosen = photos.find((p) => p.id === select.value)
      if (chosen) {
        number.value = chosen.id
        if (!caption.value) caption.value = chosen.caption
      }
    })
    const submit = crel("button", { type: "submit", textContent: t("Chèn ảnh") })
    const cancel = crel("button", { type: "button", textContent: t("Hủy") })
    const field = (label, input, help) =>
      crel("div", { className: "prose-editor-dialog-field" }, [
        crel("label", { htmlFor: input.id, textContent: label }),
        input,
        ...(help ? [crel("span", { className: "prose-editor-help", textContent: help })] : []),
      ])
    const form = crel("form", { method: "dialog" }, [
      crel("h3", { className: "prose-editor-dialog-title", textContent: t("Chèn ảnh vào bài") }),
      photos.length
        ? field(t("Ảnh trong bài"), select)
        : crel("p", {
            textContent: t(
              "Chưa có ảnh nào ở mục “Ảnh trong bài” bên dưới. Hãy thêm ảnh ở đó, hoặc gõ số ảnh trong kho.",
            ),
          }),
      field(t("Số ảnh trong kho"), number),
      field(t("Chú thích"), caption, t("In dưới ảnh, trước tên tác giả ảnh.")),
      error,
      crel("div", { className: "prose-editor-dialog-buttons" }, [submit, cancel]),
    ])
    const dialog = crel("dialog", { className: "prose-editor-dialog article-photo-dialog" }, [form])
    editor.view.dom.parentElement.append(dialog)
    let result = null
    cancel.addEventListener("click", () => dialog.close())
    submit.addEventListener("click", (e) => {
      e.preventDefault()
      const id = (select.value || number.value || "").trim()
      if (!/^\d+$/.test(id)) {
        error.textContent = t("Hãy chọn một ảnh hoặc gõ số ảnh.")
        return
      }
      result = { photoId: id, caption: caption.value.trim() }
      dialog.close()
    })
    dialog.addEventListener("close", () => {
      dialog.remove()
      resolve(result)
    })
    dialog.showModal()
    ;(photos.length ? select : number).focus()
  })

export const ArticlePhoto = Node.create({
  name: "articlePhoto",
  group: "block",
  content: "inline*",
  draggable: true,
  isolating: true,
  defining: true,
  // Before prose-editor's own figure rule, which would not keep our marker.
  priority: 200,

  addOptions() {
    return { thumbUrl: "", inlinePrefix: "photos" }
  },

  addAttributes() {
    return {
      photoId: {
        default: null,
        parseHTML: (element) => element.getAttribute("data-photo-id"),
        renderHTML: (attributes) => ({ "data-photo-id": attributes.photoId }),
      },
    }
  },

  parseHTML() {
    return [
      {
        tag: "figure[data-photo-id]",
        contentElement: (dom) =>
          dom.querySelector("figcaption") || document.createElement("figcaption"),
      },
    ]
  },

  renderHTML({ HTMLAttributes }) {
    return ["figure", mergeAttributes(HTMLAttributes), ["figcaption", 0]]
  },

  addNodeView() {
    return ({ node }) => {
      const id = node.attrs.photoId
      const img = crel("img", {
        src: this.options.thumbUrl.replace("/0/", `/${id}/`),
        alt: "",
        draggable: false,
      })
      const label = crel("span", {
        className: "article-photo__label",
        textContent: t("Ảnh số %s").replace("%s", id),
      })
      const preview = crel("div", { className: "article-photo__preview" }, [img, label])
      preview.contentEditable = "false"
      const caption = crel("figcaption", { className: "article-photo__caption" })
      caption.dataset.placeholder = t("Gõ chú thích ảnh…")
      const dom = crel("figure", { className: "article-photo" }, [preview, caption])
      dom.dataset.photoId = id
      return {
        dom,
        contentDOM: caption,
        update: (updated) => updated.type.name === "articlePhoto" && updated.attrs.photoId === id,
      }
    }
  },

  addCommands() {
    return {
      insertArticlePhoto:
        ({ photoId, caption }) =>
        ({ commands }) =>
          commands.insertContent({
            type: this.name,
            attrs: { photoId: String(photoId) },
            content: caption ? [{ type: "text", text: caption }] : [],
          }),
      chooseArticlePhoto:
        () =>
        ({ editor }) => {
          choosePhotoDialog(editor, this.options).then((chosen) => {
            if (chosen) editor.chain().focus().insertArticlePhoto(chosen).run()
          })
          return true
        },
    }
  },

  addMenuItems({ buttons, menu }) {
    menu.defineItem({
      name: "articlePhoto",
      groups: "nodes",
      command(editor) {
        editor.commands.chooseArticlePhoto()
      },
      button: buttons.material("add_photo_alternate", t("Chèn ảnh trong bài")),
    })
  },
})
