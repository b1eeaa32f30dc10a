"""Reader comments for calibrating and benchmarking ``newsroom.vietnamese``.

Every sentence here was written for this project. ``comments()`` assembles realistic
100-300 character comments from them, in the proportions a regional paper's queue might see,
and turns some into the mistakes the site refuses (no diacritics, VNI/TCVN3/VIQR garbling).
"""

import random
import sys
import unicodedata
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from newsroom import vietnamese_data as data  # noqa: E402
from newsroom.vietnamese import strip_marks  # noqa: E402

# Correctly typed comments, as readers of a provincial paper write them.
ACCENTED = [
    "Bài viết rất hay, cảm ơn tác giả.",
    "Cảm ơn phóng viên đã phản ánh kịp thời.",
    "Đường vào xã em mưa xuống là lầy lội, mong tỉnh sớm làm lại.",
    "Hay quá anh ơi!",
    "Em cho anh hỏi lịch đóng học phí năm nay thế nào ạ?",
    "Chợ quê em giờ bán cả online rồi, nhưng cá đồng vẫn phải ra chợ mới có.",
    "Mong các cấp chính quyền quan tâm hơn tới người dân vùng lũ.",
    "Tôi đồng ý với ý kiến của bạn ở trên.",
    "Giá lúa năm nay thấp quá, bà con làm không đủ ăn.",
    "Cầu này xây xong thì đi lại thuận tiện hơn nhiều, trẻ con đi học không phải lội suối nữa.",
    "Chúc mừng đội tuyển tỉnh nhà, trận này đá rất hay!",
    "Ai biết số điện thoại đường dây nóng của huyện thì cho em xin với.",
    "Thông tin hữu ích, tôi sẽ chia sẻ cho cả nhà cùng đọc.",
    "Mùa này về quê ăn vải thiều là nhất rồi.",
    "Bệnh viện tuyến huyện bây giờ khang trang hơn trước nhiều, bác sĩ cũng rất nhiệt tình.",
    "Cho hỏi bao giờ thì đoạn đường qua thị trấn được thông xe ạ?",
    "Năm nào cũng ngập, năm nào cũng hứa, dân chỉ mong làm thật.",
    "Đọc xong thấy thương các cô giáo cắm bản quá.",
    "Lễ hội năm nay tổ chức quy mô, khách thập phương về đông vui lắm.",
    "Tôi là người con xa quê, đọc tin này mà nhớ nhà.",
    "Phải xử lý nghiêm những trường hợp xả rác ra sông.",
    "Con đường này đêm không có đèn, đi rất nguy hiểm, mong ngành điện lắp sớm.",
    "Xin cảm ơn các y bác sĩ đã cứu sống cháu bé.",
    "Mình ở gần đó, sáng nay đi qua thấy người ta dọn dẹp rồi.",
    "Bài này viết chưa đúng, trường tôi không có chuyện thu thêm tiền như vậy.",
    "Cần kiểm tra lại chất lượng công trình, mới làm mà đã nứt.",
    "Tuyệt vời, tự hào về quê hương mình!",
    "Ủng hộ chủ trương này, nhưng phải làm minh bạch.",
    "Ông bà ta nói cấm có sai, tốt gỗ hơn tốt nước sơn.",
    "Năm nay mưa thuận gió hoà, mong được mùa.",
    "Học sinh vùng cao còn thiếu nhiều thứ, ai có sách cũ xin gửi về trường.",
    "Giá xăng lên mà giá rau ở chợ cũng lên theo.",
    "Phố đi bộ cuối tuần đông vui, nhưng chỗ gửi xe thì quá đắt.",
    "Tôi thấy nên mở thêm tuyến xe buýt về các xã phía tây.",
    "Chúc bác sớm bình phục.",
    "Thủy điện xả lũ mà không báo trước cho dân thì không được.",
    "Hòa bình lập lại đã lâu mà vẫn còn bom mìn sót lại, thương bà con quá.",
    "Khoẻ không em, lâu quá không thấy em viết bài.",
    "Phóng sự rất cảm động, cảm ơn toà soạn.",
    "Xã tôi đã có nước sạch từ tháng trước, bà con ai cũng mừng.",
    "Mong báo tiếp tục theo dõi vụ việc và thông tin đến bạn đọc.",
    "Đề nghị làm rõ trách nhiệm của chủ đầu tư.",
    "Mấy năm nay cá trên sông ít hẳn, không biết có phải do nước thải nhà máy không.",
    "Em là sinh viên năm nhất, đọc bài thấy có động lực học tập hơn.",
    "Trường em sắp có sân bóng mới, vui quá ạ.",
    "Bão vừa qua nhà tôi tốc mái, đến giờ vẫn chưa có ai xuống hỗ trợ.",
    "Ngày trước đường này toàn ổ gà, giờ trải nhựa phẳng lì.",
    "Cán bộ xã rất nhiệt tình, làm giấy tờ nhanh gọn.",
    "Cho tôi hỏi thủ tục cấp sổ đỏ bây giờ cần những gì?",
    "Anh em mình hẹn nhau cuối tuần về xem đua thuyền nhé.",
    "Người dân chỉ mong giá điện đừng tăng nữa.",
    "Có ai biết chỗ nào dạy bơi miễn phí cho trẻ em trong hè không?",
    "Làm du lịch cộng đồng thế này vừa giữ được bản sắc vừa có thu nhập.",
    "Tôi đã đến đây hai lần, phong cảnh đẹp nhưng dịch vụ còn kém.",
    "Đúng là người tốt việc tốt, đáng để mọi người học tập.",
    "Đi làm về muộn, đọc tin này thấy ấm lòng.",
    "Cả làng em ai cũng biết ông cụ, một đời chỉ lo việc thiện.",
    "Buổi sáng ở đây sương mù dày đặc, lái xe phải hết sức cẩn thận.",
    "Tôi là giáo viên về hưu, rất quý những bài viết về giáo dục của báo.",
    "Chợ đêm mở lại rồi, tối nay cả nhà đi thôi.",
    "Sao không thấy nói gì đến việc đền bù cho các hộ dân?",
    "Bạn viết sai tên xã rồi, phải là xã Tân Phú chứ.",
    "Mưa lớn kéo dài, các cháu đi học phải đội áo mưa lội nước.",
    "Người trẻ về quê lập nghiệp như thế này đáng khen.",
    "Thương anh bộ đội biên phòng, tết cũng không được về nhà.",
    "Dự báo thời tiết tuần này có rét đậm không mọi người?",
    "Mong tỉnh có chính sách giữ chân bác sĩ trẻ.",
    "Vào mùa cưới, đường làng chiều nào cũng tắc.",
    "Tôi góp ý: nên có biển báo rõ ràng ở khúc cua này.",
    "Nhìn ảnh thấy cánh đồng lúa chín đẹp như tranh.",
    "Món bánh đa cua quê em ăn một lần là nhớ mãi.",
    "Thanh niên tình nguyện năm nay làm được nhiều việc ý nghĩa.",
    "Ở thành phố mà mất điện cả buổi chiều, không báo trước gì cả.",
    "Cảm ơn anh Nguyễn Văn Hùng đã viết bài này.",
    "Chị Lê Thị Mai bán hàng ở chợ này hơn hai mươi năm rồi.",
    "Đội bóng của thầy Park thi đấu quá hay.",
    "Chúc mừng chú Trần Quốc Toản được nhận bằng khen.",
    "Gia đình tôi xin cảm ơn bà con lối xóm đã giúp đỡ trong lúc khó khăn.",
    "Việc chuyển đổi số ở xã làm nhanh thật, giờ nộp hồ sơ qua điện thoại được rồi.",
    "Ngày mai có họp tổ dân phố, mọi người nhớ đi đông đủ.",
    "Hoa đào năm nay nở sớm, Tết chắc đẹp lắm.",
    "Báo nên có thêm chuyên mục hỏi đáp pháp luật cho bà con.",
    "Mình thấy giá vé tham quan hơi cao so với mặt bằng chung.",
    "Lũ về nhanh quá, nhiều nhà không kịp di chuyển đồ đạc.",
    "Đọc mà rưng rưng nước mắt.",
    "Xin hỏi tuyến đường tránh khi nào khởi công?",
    "Có cách nào đăng ký tiêm vắc xin cho trẻ ở phường không ạ?",
    "Nông dân trồng thanh long năm nay được giá, mừng cho bà con.",
    "Nên trồng thêm cây xanh hai bên đường cho mát.",
    "Tôi đề nghị xem xét lại mức phí gửi xe ở bệnh viện.",
    "Chuyện nhỏ mà cũng đưa lên báo.",
    "Em mới chuyển về đây làm việc, mong được mọi người giúp đỡ.",
    "Quán phở đầu ngõ nhà tôi mở từ thời ông nội.",
    "Đúng rồi, tôi cũng nghĩ vậy.",
    "Tin vui cho người dân huyện đảo.",
    "Nhà văn hoá thôn xây xong mà để không, phí quá.",
    "Cảm ơn đội cứu hộ đã làm việc suốt đêm.",
    "Ai đi qua đoạn này nhớ giảm tốc độ nhé, trời mưa đường trơn lắm.",
    "Tôi năm nay gần tám mươi tuổi, chưa thấy trận lụt nào to như vậy.",
    "Ở quê bây giờ thanh niên đi làm xa hết, chỉ còn người già với trẻ nhỏ.",
    "Đề nghị báo đăng thêm thông tin về lịch cắt điện.",
    "Cháu học lớp năm, cháu thích đọc truyện trên báo ạ.",
    "Tôi ủng hộ việc cấm xe tải nặng đi vào trung tâm.",
    "Bài viết thiếu ý kiến của người dân trong vùng dự án.",
    "Đường ven biển mới mở đẹp lắm, cuối tuần chạy xe ra ngắm biển rất thích.",
    "Ngành giáo dục cần giảm tải giấy tờ cho giáo viên.",
    "Nước sông lên cao, mong bà con ven sông chú ý an toàn.",
    "Chuyện này xảy ra lâu rồi mà giờ mới xử lý.",
    "Tiếc cho cây đa cổ thụ, nên giữ lại làm di tích.",
    "Một bài báo có tâm.",
    "Ủng hộ tác giả, mong có thêm nhiều bài như thế này.",
]

# Longer pieces for 200-300 character comments.
LONG_PARTS = [
    "Tôi sống ở đây từ nhỏ, nhớ hồi trước con đường này chỉ là lối mòn, mùa mưa lầy lội.",
    "Bây giờ đường đã được bê tông hoá, hai bên có đèn chiếu sáng, bà con rất phấn khởi.",
    "Tuy nhiên cống thoát nước còn nhỏ, cứ mưa to là nước tràn vào nhà dân.",
    "Mong chính quyền địa phương khảo sát lại và có phương án nâng cấp trong năm tới.",
    "Mấy hôm nay trời nắng gắt, ruộng nứt nẻ, nước từ kênh chính không về kịp.",
    "Người dân phải thuê máy bơm cả ngày lẫn đêm, chi phí đội lên nhiều.",
    "Bài báo phản ánh đúng thực tế, cảm ơn phóng viên đã về tận nơi tìm hiểu.",
    "Con tôi học ở trường này, các cô giáo rất tận tâm, nhưng phòng học thì xuống cấp.",
    "Mùa hè năm ngoái mái tôn bị gió bão làm tốc, đến giờ vẫn chưa sửa xong.",
    "Hy vọng sau bài báo này các cơ quan chức năng sẽ vào cuộc.",
]

# English comments from readers abroad or tourists.
ENGLISH = [
    "This article is great, thanks for sharing.",
    "Very informative, I hope to see more news like this.",
    "Thank you for the update, we were worried about our family there.",
    "Great photos! The rice fields look amazing.",
    "Is there any information in English about the festival dates?",
    "I visited Hoi An last year, the people were so kind.",
    "Well written report, the local government should read this.",
    "Can someone tell me if the road to the waterfall is open?",
    "Nice story about the fishermen, keep up the good work.",
    "We stayed in Da Nang for a week and loved the beaches.",
    "The food in Hue is the best I have ever had.",
    "How can I donate to help the flood victims?",
]

# Accented Vietnamese with English words in it, as young readers write.
MIXED = [
    "Bài viết hay, thanks admin nhiều nha!",
    "Like mạnh cho phóng sự này, share cho bạn bè cùng đọc.",
    "Team mình cuối tuần này đi trekking ở đó, có ai join không?",
    "Quán này check-in đẹp nhưng service hơi chậm.",
    "Chúc mừng U23 Việt Nam, các bạn đã chơi rất fair play.",
]

LINKS = [
    "Xem thêm tại https://baotinh.vn/thoi-su/cau-moi-123.html",
    "Liên hệ: hotro@baotinh.vn hoặc 0912 345 678",
    "@Minh Anh xem bài này nè",
    "#quehuongtoi #mualuachin",
    "Giá hôm nay 15.000đ/kg, tăng 2.000đ so với tuần trước.",
]

EMOJI = ["👍", "👏", "❤️", "😢", "🙏", "👨‍👩‍👧", "👍🏽", "🇻🇳", "😂", "🔥"]


# --- The mistakes a reader can make ------------------------------------------------------------

_SHAPE_MARKS = {"\u0302": "^", "\u0306": "(", "\u031b": "+"}
_TONE_INDEX = {mark: i for i, mark in enumerate(data.TONE_MARKS, 1)}  # 1 sắc ... 5 nặng
_VIQR = {combining: typed for typed, combining in data.VIQR_MARKS.items()}


def _split(letter: str) -> tuple[str, str, int]:
    """A Vietnamese letter as (base, shape mark, tone index 0-5)."""
    if letter in "đĐ":
        return letter, "", 0
    parts = unicodedata.normalize("NFD", letter)
    shape = next((m for m in parts[1:] if m in _SHAPE_MARKS), "")
    tone = next((_TONE_INDEX[m] for m in parts[1:] if m in _TONE_INDEX), 0)
    return parts[0], shape, tone


def bare(text: str) -> str:
    return strip_marks(text)


def vni(text: str) -> str:
    """Vietnamese as VNI-Windows bytes read back as Latin-1 ("bài" -> "baøi")."""
    out = []
    for letter in unicodedata.normalize("NFC", text):
        base, shape, tone = _split(letter)
        lower = base.lower()
        if letter in "đĐ":
            code = data.VNI_SINGLE["đ"]
        elif lower not in "aeiouy" or not (shape or tone):
            out.append(letter)
            continue
        elif lower == "i":
            code = data.VNI_I[tone]
        elif lower == "y" and tone == 5:
            code = data.VNI_Y_DOT
        elif shape == "\u031b":
            code = data.VNI_SINGLE["ơ" if lower == "o" else "ư"] + data.VNI_TONE[tone]
        elif shape == "\u0302":
            code = lower + data.VNI_CIRCUMFLEX[tone]
        elif shape == "\u0306":
            code = lower + data.VNI_BREVE[tone]
        else:
            code = lower + data.VNI_TONE[tone]
        out.append(code.upper() if letter.isupper() else code)
    return "".join(out)


_TCVN3_CODES = {letter: code for code, letter in data.tcvn3_table().items()}


def tcvn3(text: str) -> str:
    """Vietnamese as TCVN3 (ABC) bytes read back as Latin-1 ("bài" -> "bµi")."""
    out = []
    for letter in unicodedata.normalize("NFC", text):
        code = _TCVN3_CODES.get(letter) or _TCVN3_CODES.get(letter.lower())
        out.append(code if code and not letter.isascii() else letter)
    return "".join(out)


def viqr(text: str) -> str:
    """Vietnamese typed in VIQR ("bài" -> "ba`i")."""
    out = []
    for letter in unicodedata.normalize("NFC", text):
        base, shape, tone = _split(letter)
        if letter in "đĐ":
            out.append("dd" if letter == "đ" else "DD")
            continue
        mark = _VIQR.get(shape, "")
        if tone:
            mark += _VIQR[data.TONE_MARKS[tone - 1]]
        out.append(base + mark)
    return "".join(out)


# --- Assembling comments ----------------------------------------------------------------------

KINDS = {  # kind -> (share of the queue, should it be refused?)
    "accented": (0.66, False),
    "accented_long": (0.10, False),
    "mixed": (0.05, False),
    "english": (0.04, False),
    "bare": (0.10, True),
    "bare_caps": (0.02, True),
    # Legacy encodings are rare today; still over-represented here so the bench covers them.
    "vni": (0.01, True),
    "tcvn3": (0.01, True),
    "viqr": (0.01, True),
}


def _accented(rng: random.Random, low: int, high: int) -> str:
    target = rng.randint(low, high)
    parts: list[str] = []
    while sum(map(len, parts)) < target:
        pool = LONG_PARTS if rng.random() < 0.3 else ACCENTED
        parts.append(rng.choice(pool))
    if rng.random() < 0.2:
        parts.append(rng.choice(LINKS))
    if rng.random() < 0.3:
        parts.append(rng.choice(EMOJI))
    return " ".join(parts)


def make_comment(kind: str, rng: random.Random) -> str:
    if kind == "english":
        return " ".join(rng.sample(ENGLISH, rng.randint(2, 4)))
    if kind == "mixed":
        return rng.choice(MIXED) + " " + _accented(rng, 60, 200)
    text = _accented(rng, 200, 300) if kind == "accented_long" else _accented(rng, 80, 220)
    if kind in ("accented", "accented_long"):
        return text
    if kind == "bare":
        return bare(text)
    if kind == "bare_caps":
        return bare(text).upper()
    return {"vni": vni, "tcvn3": tcvn3, "viqr": viqr}[kind](text)


def comments(n: int = 3000, seed: int = 20240601) -> list[tuple[str, str, bool]]:
    """``n`` comments as (kind, text, should be refused), mixed in queue proportions."""
    rng = random.Random(seed)
    kinds = list(KINDS)
    weights = [KINDS[k][0] for k in kinds]
    picked = rng.choices(kinds, weights, k=n)
    return [(kind, make_comment(kind, rng), KINDS[kind][1]) for kind in picked]
