"""The demo newspaper's content, written for Newsroom: every sentence here is our own.

The people, events and figures are invented for the demo; the places are real units of
Thanh Hóa province as readers know them. `seed_demo` turns this into rows.
"""

SECTIONS = [
    # (slug, name, position, is_local)
    ("thoi-su", "Thời sự", 1, False),
    ("chinh-tri", "Chính trị", 2, False),
    ("kinh-te", "Kinh tế", 3, False),
    ("xa-hoi", "Xã hội", 4, False),
    ("van-hoa", "Văn hóa", 5, False),
    ("the-thao", "Thể thao", 6, False),
    ("dia-phuong", "Địa phương", 7, True),
]

# The province, its cities, towns and districts, and some of their wards, communes and
# townships: (slug, name, kind, children) with coordinates for the weather box where known.
REGIONS = (
    "thanh-hoa",
    "Thanh Hóa",
    "province",
    (19.80670, 105.78520),
    [
        (
            "tp-thanh-hoa",
            "TP. Thanh Hóa",
            "city",
            (19.80670, 105.78520),
            [
                ("phuong-dien-bien", "phường Điện Biên", "ward"),
                ("phuong-lam-son-tp-thanh-hoa", "phường Lam Sơn", "ward"),
                ("phuong-ham-rong", "phường Hàm Rồng", "ward"),
                ("phuong-dong-ve", "phường Đông Vệ", "ward"),
                ("phuong-quang-thang", "phường Quảng Thắng", "ward"),
            ],
        ),
        (
            "tp-sam-son",
            "TP. Sầm Sơn",
            "city",
            (19.73670, 105.90360),
            [
                ("phuong-trung-son", "phường Trung Sơn", "ward"),
                ("phuong-bac-son", "phường Bắc Sơn", "ward"),
                ("phuong-quang-tien", "phường Quảng Tiến", "ward"),
            ],
        ),
        (
            "thi-xa-nghi-son",
            "thị xã Nghi Sơn",
            "town",
            (19.41750, 105.76420),
            [
                ("phuong-tan-dan", "phường Tân Dân", "ward"),
                ("phuong-hai-hoa", "phường Hải Hòa", "ward"),
                ("phuong-hai-thanh", "phường Hải Thanh", "ward"),
                ("xa-nghi-son", "xã Nghi Sơn", "commune"),
            ],
        ),
        (
            "thi-xa-bim-son",
            "thị xã Bỉm Sơn",
            "town",
            (20.08000, 105.86000),
            [
                ("phuong-ba-dinh-bim-son", "phường Ba Đình", "ward"),
                ("phuong-lam-son-bim-son", "phường Lam Sơn", "ward"),
            ],
        ),
        (
            "huyen-tho-xuan",
            "huyện Thọ Xuân",
            "district",
            (19.93000, 105.50000),
            [
                ("thi-tran-tho-xuan", "thị trấn Thọ Xuân", "township"),
                ("thi-tran-lam-son", "thị trấn Lam Sơn", "township"),
                ("xa-xuan-hong", "xã Xuân Hồng", "commune"),
            ],
        ),
        (
            "huyen-hoang-hoa",
            "huyện Hoằng Hóa",
            "district",
            (19.85000, 105.86000),
            [
                ("thi-tran-but-son", "thị trấn Bút Sơn", "township"),
                ("xa-hoang-truong", "xã Hoằng Trường", "commune"),
            ],
        ),
        (
            "huyen-nga-son",
            "huyện Nga Sơn",
            "district",
            (20.00000, 105.97000),
            [("thi-tran-nga-son", "thị trấn Nga Sơn", "township")],
        ),
        (
            "huyen-ba-thuoc",
            "huyện Bá Thước",
            "district",
            (20.35000, 105.25000),
            [("xa-lung-cao", "xã Lũng Cao", "commune")],
        ),
        (
            "huyen-quan-hoa",
            "huyện Quan Hóa",
            "district",
            (20.37000, 105.10000),
            [("thi-tran-hoi-xuan", "thị trấn Hồi Xuân", "township")],
        ),
        (
            "huyen-trieu-son",
            "huyện Triệu Sơn",
            "district",
            (19.82000, 105.60000),
            [],
        ),
    ],
)

CONTRIBUTORS = [
    # (slug, name, affiliation)
    ("nguyen-thanh", "Nguyễn Thanh", "Phóng viên"),
    ("minh-hang", "Minh Hằng", "Phóng viên"),
    ("le-hoi", "Lê Hợi", "Phóng viên ảnh"),
    ("tran-quoc-hung", "Trần Quốc Hưng", "Phóng viên"),
    ("pham-thu-trang", "Phạm Thu Trang", "Phóng viên"),
    ("hoang-duc", "Hoàng Đức", "Cộng tác viên"),
    ("le-anh-tuan", "Lê Anh Tuấn", "Phóng viên ảnh"),
    ("do-ngoc-mai", "Đỗ Ngọc Mai", "Biên dịch"),
    ("nhom-pv", "Nhóm PV", "Tòa soạn"),
]

USERS = [
    # (username, password, role, first name, last name, contributor slug)
    ("phongvien", "phongvien-demo-2026", "Phóng viên", "Thanh", "Nguyễn", "nguyen-thanh"),
    ("bientap", "bientap-demo-2026", "Biên tập viên", "Hằng", "Minh", "minh-hang"),
    ("kiemduyet", "kiemduyet-demo-2026", "Kiểm duyệt viên", "Hà", "Vũ", None),
    ("quantri", "quantri-demo-2026", None, "Quản", "Trị", None),
]

# Photos are drawn with Pillow: (key, title, credit slug, palette, scene).
PHOTOS = [
    ("bien-sam-son", "Bãi biển Sầm Sơn buổi sớm", "le-hoi", "sea", 1),
    ("cang-nghi-son", "Cảng nước sâu Nghi Sơn", "le-anh-tuan", "port", 2),
    ("lua-chin", "Cánh đồng lúa chín ở Thọ Xuân", "le-hoi", "field", 3),
    ("pho-dem", "Phố đi bộ TP. Thanh Hóa về đêm", "le-anh-tuan", "night", 4),
    ("hoi-truong", "Hội trường kỳ họp", "nguyen-thanh", "hall", 5),
    ("truong-hoc", "Lớp học vùng cao Bá Thước", "hoang-duc", "school", 6),
    ("san-bong", "Sân vận động tỉnh", "le-anh-tuan", "stadium", 7),
    ("cay-coi", "Đường ven sông Mã", "le-hoi", "river", 8),
    ("cho-que", "Chợ phiên Quan Hóa", "hoang-duc", "market", 9),
    ("nha-may", "Nhà máy lắp ráp ở Bỉm Sơn", "le-anh-tuan", "factory", 10),
    ("le-hoi-lam-kinh", "Lễ hội Lam Kinh", "le-hoi", "festival", 11),
    ("coi-nga-son", "Cói Nga Sơn phơi trên đê", "hoang-duc", "field", 12),
    ("benh-vien", "Khoa khám bệnh Bệnh viện Đa khoa tỉnh", "nguyen-thanh", "hall", 13),
    ("duong-moi", "Tuyến đường mới nối Nghi Sơn", "le-anh-tuan", "road", 14),
    ("mua-bao", "Mưa lớn ở vùng trũng Hoằng Hóa", "le-hoi", "storm", 15),
    ("thu-vien", "Thư viện tỉnh mở cửa buổi tối", "pham-thu-trang", "night", 16),
]

# Articles: hours_ago is the publish time before the seed runs (negative = scheduled);
# status defaults to published. byline: [(contributor slug, role)]. photos: [(photo key,
# caption, alt, after paragraph index)]. featured: (photo key, caption, alt).
ARTICLES = [
    {
        "title": "Đảng bộ thị xã Nghi Sơn đặt mục tiêu kép về kinh tế và môi trường",
        "lead": "Tại hội nghị sơ kết sáu tháng, Đảng bộ thị xã Nghi Sơn thống nhất vừa giữ tốc độ "
        "thu hút đầu tư vào khu kinh tế, vừa siết chặt giám sát chất lượng không khí và nước "
        "ven biển.",
        "section": "chinh-tri",
        "region": "thi-xa-nghi-son",
        "regions": ["phuong-tan-dan", "phuong-hai-hoa"],
        "tags": ["Nghi Sơn", "Khu kinh tế", "Môi trường"],
        "source": "Baothanhhoa.vn",
        "hours_ago": 5,
        "byline": [("nguyen-thanh", "text_photo")],
        "featured": (
            "cang-nghi-son",
            "Cảng nước sâu Nghi Sơn nhìn từ phía biển.",
            "Tàu hàng neo đậu tại các cầu cảng, phía sau là bồn chứa của nhà máy.",
        ),
        "paragraphs": [
            "Hội nghị diễn ra sáng thứ Hai tại trụ sở Thị ủy, với sự tham dự của bí thư các chi "
            "bộ, đảng bộ trực thuộc. Báo cáo cho thấy số dự án đăng ký mới trong sáu tháng tăng "
            "so với cùng kỳ, tập trung vào logistics và chế biến sau lọc hóa dầu.",
            "Bên cạnh kết quả đó, nhiều ý kiến thẳng thắn chỉ ra việc một số doanh nghiệp chậm "
            "lắp đặt trạm quan trắc tự động, khiến người dân phường Tân Dân và phường Hải Hòa lo "
            "ngại mỗi khi có mùi lạ vào ban đêm.",
            "Hội nghị giao Ủy ban nhân dân thị xã công khai số liệu quan trắc trên cổng thông tin "
            "mỗi tuần, đồng thời thành lập tổ công tác liên ngành kiểm tra đột xuất các cơ sở có "
            "nguy cơ gây ô nhiễm.",
            "Phát biểu kết luận, bí thư Thị ủy nhấn mạnh: tăng trưởng chỉ có ý nghĩa khi người "
            "dân sống bên cạnh khu công nghiệp cảm thấy an tâm.",
        ],
        "photos": [
            (
                "hoi-truong",
                "Các đại biểu biểu quyết thông qua nghị quyết tại hội nghị.",
                "Hội trường đông người, nhiều đại biểu giơ tay biểu quyết.",
                0,
            ),
        ],
    },
    {
        "title": "Sầm Sơn thử nghiệm khu tắm biển có cứu hộ 24 giờ",
        "lead": "Một đoạn bãi biển dài khoảng 800 mét ở phường Trung Sơn được bố trí đội cứu hộ "
        "trực cả ngày lẫn đêm, sau nhiều mùa hè du khách tắm đêm gặp nạn.",
        "section": "xa-hoi",
        "region": "tp-sam-son",
        "regions": ["phuong-trung-son"],
        "tags": ["Sầm Sơn", "Du lịch", "An toàn"],
        "source": "Baothanhhoa.vn",
        "hours_ago": 9,
        "byline": [("pham-thu-trang", "text"), ("le-hoi", "photo")],
        "featured": (
            "bien-sam-son",
            "Bãi biển Sầm Sơn vào sáng sớm, khi du khách bắt đầu xuống tắm.",
            "Bãi cát dài, nhiều người tắm biển dưới bầu trời hửng nắng.",
        ),
        "paragraphs": [
            "Theo Ủy ban nhân dân thành phố, khu thử nghiệm được cắm phao giới hạn, lắp đèn chiếu "
            "sáng và loa nhắc nhở bằng tiếng Việt và tiếng Anh. Mỗi ca trực có sáu nhân viên cứu "
            "hộ cùng một xuồng máy.",
            "Anh Lê Văn Toàn, đội trưởng đội cứu hộ, cho biết phần lớn các vụ đuối nước những năm "
            "trước xảy ra sau 21 giờ, khi bãi biển vắng và sóng lớn hơn ban ngày.",
            "Nếu hiệu quả, mô hình sẽ được mở rộng ra các phường Bắc Sơn và Quảng Tiến vào mùa "
            "du lịch năm sau.",
        ],
        "photos": [],
    },
    {
        "title": "Nông dân Thọ Xuân thu hoạch lúa mùa sớm để tránh bão",
        "lead": "Trước dự báo một cơn bão có thể ảnh hưởng đến Bắc Trung Bộ, nhiều hợp tác xã ở "
        "huyện Thọ Xuân huy động máy gặt thu hoạch những diện tích lúa đã chín từ tám mươi phần "
        "trăm trở lên.",
        "section": "kinh-te",
        "region": "huyen-tho-xuan",
        "regions": ["xa-xuan-hong"],
        "tags": ["Nông nghiệp", "Thời tiết"],
        "source": "Baothanhhoa.vn",
        "hours_ago": 14,
        "byline": [("le-hoi", "text_photo")],
        "featured": (
            "lua-chin",
            "Máy gặt làm việc trên cánh đồng xã Xuân Hồng.",
            "Cánh đồng lúa vàng, một máy gặt đang thu hoạch.",
        ),
        "paragraphs": [
            "Ông Trịnh Văn Khải, giám đốc một hợp tác xã ở xã Xuân Hồng, cho biết đơn vị đã thuê "
            "thêm bốn máy gặt từ huyện bạn để kịp thu hoạch trong ba ngày.",
            "Phòng Nông nghiệp huyện khuyến cáo bà con không gặt những thửa lúa còn xanh, vì năng "
            "suất giảm mạnh; với những thửa này cần khơi thông mương tiêu để hạn chế ngập úng.",
            "Giá lúa tươi tại ruộng hiện dao động quanh 7.200 đồng mỗi ki-lô-gam, tương đương vụ "
            "trước.",
        ],
        "photos": [
            (
                "cay-coi",
                "Nước sông Mã dâng cao sau những ngày mưa đầu mùa.",
                "Mặt sông rộng, hàng cây ven đê nghiêng trong gió.",
                1,
            ),
        ],
    },
    {
        "title": "Phố đi bộ TP. Thanh Hóa kéo dài giờ mở cửa cuối tuần",
        "lead": "Từ tháng này, phố đi bộ trung tâm mở cửa đến 23 giờ vào tối thứ Bảy và Chủ nhật, "
        "kèm các chương trình biểu diễn nghệ thuật dân gian.",
        "section": "van-hoa",
        "region": "tp-thanh-hoa",
        "regions": ["phuong-dien-bien"],
        "tags": ["TP. Thanh Hóa", "Văn hóa", "Du lịch"],
        "source": "Baothanhhoa.vn",
        "hours_ago": 20,
        "byline": [("minh-hang", "text"), ("le-anh-tuan", "photo")],
        "featured": (
            "pho-dem",
            "Phố đi bộ rực đèn vào tối cuối tuần.",
            "Con phố đông người dạo bộ, hai bên là đèn lồng và quầy hàng.",
        ),
        "paragraphs": [
            "Ban quản lý cho biết mỗi tối cuối tuần có khoảng năm nghìn lượt khách, phần đông là "
            "gia đình có trẻ nhỏ và sinh viên.",
            "Các tiết mục hát xẩm, trò diễn Xuân Phả và múa đèn sẽ được luân phiên biểu diễn, do "
            "các câu lạc bộ nghệ thuật quần chúng đảm nhiệm.",
            "Để bảo đảm trật tự, thành phố bố trí thêm hai điểm trông giữ xe và một tổ y tế lưu "
            "động.",
        ],
        "photos": [
            (
                "le-hoi-lam-kinh",
                "Một tiết mục múa dân gian trong đêm khai mạc.",
                "Các diễn viên mặc trang phục truyền thống múa trên sân khấu ngoài trời.",
                1,
            ),
        ],
    },
    {
        "title": "HĐND tỉnh thông qua nghị quyết hỗ trợ giáo viên vùng cao",
        "lead": "Giáo viên công tác ở các xã đặc biệt khó khăn thuộc các huyện miền núi sẽ được hỗ "
        "trợ thêm tiền thuê nhà và chi phí đi lại mỗi tháng.",
        "section": "chinh-tri",
        "region": "thanh-hoa",
        "regions": ["huyen-ba-thuoc", "huyen-quan-hoa"],
        "tags": ["Giáo dục", "HĐND tỉnh"],
        "source": "Baothanhhoa.vn",
        "hours_ago": 28,
        "byline": [("tran-quoc-hung", "text")],
        "featured": (
            "hoi-truong",
            "Kỳ họp chuyên đề của Hội đồng nhân dân tỉnh.",
            "Toàn cảnh hội trường với các đại biểu ngồi theo dãy bàn.",
        ),
        "paragraphs": [
            "Nghị quyết được thông qua tại kỳ họp chuyên đề với tỷ lệ tán thành cao. Mức hỗ trợ "
            "được tính theo khoảng cách từ nơi ở đến trường và điều kiện giao thông của từng xã.",
            "Nhiều đại biểu đề nghị thủ tục chi trả phải đơn giản, tránh để giáo viên phải đi lại "
            "nhiều lần chỉ để bổ sung giấy tờ.",
            "Sở Giáo dục và Đào tạo được giao hướng dẫn các huyện lập danh sách trước ngày 15 của "
            "tháng tới.",
        ],
        "photos": [
            (
                "truong-hoc",
                "Một lớp học ở xã Lũng Cao, huyện Bá Thước.",
                "Học sinh ngồi trong lớp học nhỏ, cô giáo đứng cạnh bảng.",
                0,
            ),
        ],
    },
    {
        "title": "Nga Sơn đưa sản phẩm cói lên sàn thương mại điện tử",
        "lead": "Các cơ sở làm cói ở huyện Nga Sơn được tập huấn chụp ảnh sản phẩm, viết mô tả và "
        "đóng gói để bán trực tuyến, hướng tới khách hàng trẻ ở các thành phố lớn.",
        "section": "kinh-te",
        "region": "huyen-nga-son",
        "regions": [],
        "tags": ["Làng nghề", "Thương mại điện tử"],
        "source": "",
        "hours_ago": 33,
        "byline": [("hoang-duc", "text_photo")],
        "featured": (
            "coi-nga-son",
            "Cói được phơi trên mặt đê trước khi dệt.",
            "Những bó cói vàng trải dài trên mặt đê.",
        ),
        "paragraphs": [
            "Chị Mai Thị Hường, chủ một cơ sở dệt thảm cói, nói rằng trước đây sản phẩm chủ yếu "
            "bán cho thương lái, giá bị ép mỗi khi vào vụ.",
            "Sau khóa tập huấn, cơ sở của chị đã nhận những đơn hàng đầu tiên từ Hà Nội và Thành "
            "phố Hồ Chí Minh, chủ yếu là túi xách và hộp đựng đồ.",
        ],
        "photos": [],
    },
    {
        "title": "U23 Thanh Hóa thắng ngoạn mục trong trận ra quân",
        "lead": "Bị dẫn trước hai bàn sau hiệp một, đội bóng xứ Thanh lội ngược dòng thắng 3-2 nhờ "
        "cú đúp của tiền đạo trẻ Lê Văn Nam.",
        "section": "the-thao",
        "region": "tp-thanh-hoa",
        "regions": [],
        "tags": ["Bóng đá", "U23"],
        "source": "",
        "hours_ago": 40,
        "byline": [("tran-quoc-hung", "text"), ("le-anh-tuan", "photo")],
        "featured": (
            "san-bong",
            "Sân vận động tỉnh trong trận ra quân.",
            "Khán đài kín người, các cầu thủ tranh bóng trên sân cỏ.",
        ),
        "paragraphs": [
            "Huấn luyện viên trưởng thừa nhận đội đã chơi thiếu tập trung trong hiệp một và phải "
            "thay đổi sơ đồ ngay đầu hiệp hai.",
            "Sự điều chỉnh phát huy hiệu quả khi các cầu thủ chạy cánh liên tục tạo sức ép, mở ra "
            "khoảng trống cho hàng tiền đạo.",
            "Trận tiếp theo, đội sẽ làm khách trên sân của một đối thủ mạnh từ Nghệ An.",
        ],
        "photos": [],
    },
    {
        "title": "Quan Hóa khôi phục chợ phiên vùng cao",
        "lead": "Chợ phiên ở thị trấn Hồi Xuân họp lại mỗi sáng Chủ nhật, nơi bà con người Thái, "
        "người Mường mang nông sản và đồ thổ cẩm xuống bán.",
        "section": "dia-phuong",
        "region": "huyen-quan-hoa",
        "regions": ["thi-tran-hoi-xuan"],
        "tags": ["Văn hóa", "Du lịch"],
        "source": "",
        "hours_ago": 50,
        "byline": [("hoang-duc", "text_photo")],
        "featured": (
            "cho-que",
            "Chợ phiên Hồi Xuân đông vui từ sáng sớm.",
            "Người dân vùng cao bày bán rau rừng và vải thổ cẩm bên đường.",
        ),
        "paragraphs": [
            "Huyện hỗ trợ dựng lán và làm nhà vệ sinh công cộng, còn việc sắp xếp gian hàng do "
            "chính người bán bàn bạc với nhau.",
            "Ngoài mua bán, chợ còn là nơi gặp gỡ, nhiều người đi bộ hàng chục cây số chỉ để gặp "
            "lại người thân ở bản khác.",
        ],
        "photos": [],
    },
    {
        "title": "Nhà máy mới ở Bỉm Sơn tuyển thêm 400 lao động",
        "lead": "Một nhà máy lắp ráp linh kiện điện tử tại thị xã Bỉm Sơn cần tuyển 400 công nhân "
        "trong quý tới, ưu tiên lao động địa phương.",
        "section": "kinh-te",
        "region": "thi-xa-bim-son",
        "regions": ["phuong-ba-dinh-bim-son"],
        "tags": ["Việc làm", "Công nghiệp"],
        "source": "Baothanhhoa.vn",
        "hours_ago": 58,
        "byline": [("minh-hang", "text"), ("le-anh-tuan", "photo")],
        "featured": (
            "nha-may",
            "Dây chuyền lắp ráp của nhà máy.",
            "Công nhân mặc đồng phục xanh làm việc bên băng chuyền.",
        ),
        "paragraphs": [
            "Mức lương khởi điểm được công bố là 6,5 triệu đồng mỗi tháng, chưa kể phụ cấp ca đêm "
            "và tiền chuyên cần.",
            "Trung tâm Dịch vụ việc làm tỉnh sẽ tổ chức phiên giao dịch việc làm lưu động tại thị "
            "xã vào cuối tháng.",
        ],
        "photos": [],
    },
    {
        "title": "Hoằng Hóa chủ động tiêu úng sau mưa lớn",
        "lead": "Mưa lớn kéo dài hai ngày khiến hàng trăm héc-ta lúa và hoa màu ở vùng trũng huyện "
        "Hoằng Hóa bị ngập; các trạm bơm đã vận hành hết công suất.",
        "section": "thoi-su",
        "region": "huyen-hoang-hoa",
        "regions": ["xa-hoang-truong"],
        "tags": ["Thời tiết", "Nông nghiệp"],
        "source": "Baothanhhoa.vn",
        "hours_ago": 64,
        "byline": [("le-hoi", "text_photo")],
        "featured": (
            "mua-bao",
            "Ruộng lúa ở vùng trũng Hoằng Hóa chìm trong nước.",
            "Mặt ruộng ngập trắng nước, bầu trời xám mưa.",
        ),
        "paragraphs": [
            "Ban Chỉ huy phòng chống thiên tai huyện yêu cầu các xã kiểm tra ngay những đoạn đê "
            "xung yếu và chuẩn bị vật tư dự phòng.",
            "Người dân được khuyến cáo không đánh bắt cá trên đồng ngập và không cho trẻ em tắm ở "
            "các kênh mương.",
        ],
        "photos": [],
    },
    {
        "title": "Thư viện tỉnh mở cửa buổi tối cho học sinh ôn thi",
        "lead": "Phòng đọc tầng hai của Thư viện tỉnh mở đến 21 giờ các ngày trong tuần, miễn phí "
        "cho học sinh có thẻ.",
        "section": "xa-hoi",
        "region": "tp-thanh-hoa",
        "regions": ["phuong-lam-son-tp-thanh-hoa"],
        "tags": ["Giáo dục", "TP. Thanh Hóa"],
        "source": "",
        "hours_ago": 75,
        "byline": [("pham-thu-trang", "text_photo")],
        "featured": (
            "thu-vien",
            "Phòng đọc của Thư viện tỉnh vào buổi tối.",
            "Học sinh ngồi đọc sách dưới ánh đèn trong phòng đọc rộng.",
        ),
        "paragraphs": [
            "Mỗi tối có khoảng một trăm em đến ôn bài, nhiều em ở xa trung tâm cho biết ở nhà "
            "khó tìm được chỗ yên tĩnh để học.",
            "Thư viện cũng mở thêm góc mượn máy tính có kết nối mạng, mỗi lượt sử dụng tối đa hai "
            "giờ.",
        ],
        "photos": [],
    },
    {
        "title": "Bệnh viện Đa khoa tỉnh triển khai đặt lịch khám trực tuyến",
        "lead": "Người bệnh có thể chọn giờ khám qua trang thông tin của bệnh viện, giảm thời gian "
        "chờ đợi ở khu tiếp đón vốn thường quá tải vào buổi sáng.",
        "section": "xa-hoi",
        "region": "tp-thanh-hoa",
        "regions": [],
        "tags": ["Y tế", "Chuyển đổi số"],
        "source": "Baothanhhoa.vn",
        "hours_ago": 86,
        "byline": [("nguyen-thanh", "text_photo")],
        "featured": (
            "benh-vien",
            "Khu tiếp đón của Khoa khám bệnh.",
            "Người bệnh ngồi chờ trên hàng ghế, phía trước là quầy tiếp đón.",
        ),
        "paragraphs": [
            "Trong tuần đầu, hơn một nghìn lượt người đã đặt lịch thành công; phần lớn là người "
            "khám định kỳ các bệnh mạn tính.",
            "Bệnh viện vẫn giữ quầy đăng ký trực tiếp cho người cao tuổi và người không quen dùng "
            "điện thoại thông minh.",
        ],
        "photos": [],
    },
    {
        "title": "Tuyến đường ven biển nối Sầm Sơn với Nghi Sơn sắp thông xe",
        "lead": "Đoạn cuối của tuyến đường ven biển dự kiến thông xe trong quý tới, rút ngắn thời "
        "gian đi lại giữa hai đô thị biển của tỉnh.",
        "section": "thoi-su",
        "region": "thi-xa-nghi-son",
        "regions": ["tp-sam-son"],
        "tags": ["Giao thông", "Nghi Sơn", "Sầm Sơn"],
        "source": "Baothanhhoa.vn",
        "hours_ago": 96,
        "byline": [("tran-quoc-hung", "text"), ("le-anh-tuan", "photo")],
        "featured": (
            "duong-moi",
            "Mặt đường đoạn qua xã Nghi Sơn đang được hoàn thiện.",
            "Con đường mới trải nhựa chạy dọc bờ biển.",
        ),
        "paragraphs": [
            "Ban quản lý dự án cho biết khối lượng còn lại chủ yếu là hệ thống thoát nước và biển "
            "báo, mặt đường đã cơ bản hoàn thành.",
            "Người dân hai bên tuyến mong sớm có lối rẽ an toàn vào các khu dân cư, tránh tình "
            "trạng phải đi vòng xa.",
        ],
        "photos": [
            (
                "bien-sam-son",
                "Điểm đầu tuyến đường tại TP. Sầm Sơn.",
                "Bờ biển và hàng dương ở điểm đầu tuyến đường.",
                0,
            ),
        ],
    },
    {
        "title": "Lễ hội Lam Kinh chuẩn bị đón khách thập phương",
        "lead": "Ban tổ chức thống nhất giảm bớt phần nghi thức, dành thêm thời gian cho các trò "
        "chơi dân gian và không gian ẩm thực của các dân tộc trong tỉnh.",
        "section": "van-hoa",
        "region": "huyen-tho-xuan",
        "regions": ["thi-tran-lam-son"],
        "tags": ["Lễ hội", "Văn hóa", "Du lịch"],
        "source": "",
        "hours_ago": 110,
        "byline": [("minh-hang", "text"), ("le-hoi", "photo")],
        "featured": (
            "le-hoi-lam-kinh",
            "Buổi tổng duyệt chương trình nghệ thuật.",
            "Đoàn diễn viên trong trang phục lễ hội trên sân rộng.",
        ),
        "paragraphs": [
            "Khu di tích sẽ bố trí xe điện đưa đón miễn phí từ bãi gửi xe vào khu trung tâm.",
            "Các hộ kinh doanh được yêu cầu niêm yết giá và không chèo kéo khách; đường dây nóng "
            "tiếp nhận phản ánh sẽ hoạt động suốt những ngày lễ hội.",
        ],
        "photos": [],
    },
    {
        "title": "Giải chạy ven sông Mã thu hút hơn hai nghìn vận động viên",
        "lead": "Giải chạy cộng đồng lần đầu tổ chức ven sông Mã có ba cự ly 5, 10 và 21 km, phần "
        "lớn người tham gia là người dân địa phương.",
        "section": "the-thao",
        "region": "tp-thanh-hoa",
        "regions": ["phuong-ham-rong"],
        "tags": ["Chạy bộ", "TP. Thanh Hóa"],
        "source": "",
        "hours_ago": 122,
        "byline": [("nhom-pv", "group")],
        "featured": (
            "cay-coi",
            "Đường chạy men theo bờ sông Mã.",
            "Con đường ven sông với hàng cây xanh hai bên.",
        ),
        "paragraphs": [
            "Vận động viên nhỏ tuổi nhất mới tám tuổi, chạy cự ly 5 km cùng bố mẹ.",
            "Ban tổ chức dành một phần tiền lệ phí để mua áo ấm cho học sinh vùng cao.",
        ],
        "photos": [],
    },
    {
        "title": "Triệu Sơn hỗ trợ nông dân chuyển sang trồng rau hữu cơ",
        "lead": "Huyện hỗ trợ một nửa chi phí làm nhà lưới và cấp giống cho các tổ hợp tác cam kết "
        "canh tác theo quy trình hữu cơ trong ít nhất ba năm.",
        "section": "kinh-te",
        "region": "huyen-trieu-son",
        "regions": [],
        "tags": ["Nông nghiệp"],
        "source": "",
        "hours_ago": 135,
        "byline": [("hoang-duc", "text")],
        "featured": (
            "lua-chin",
            "Đồng ruộng ở Triệu Sơn sau vụ gặt.",
            "Cánh đồng rộng với những thửa ruộng đã gặt xong.",
        ),
        "paragraphs": [
            "Sản phẩm của các tổ hợp tác sẽ được kết nối với bếp ăn của các trường học trên địa "
            "bàn huyện.",
            "Cán bộ khuyến nông sẽ đến từng vườn hướng dẫn ủ phân và phòng trừ sâu bệnh bằng chế "
            "phẩm sinh học.",
        ],
        "photos": [],
    },
    {
        "title": "Tỉnh đoàn ra mắt đội hình tình nguyện hỗ trợ người cao tuổi",
        "lead": "Các đoàn viên sẽ giúp người cao tuổi sống một mình làm thủ tục hành chính trực "
        "tuyến, sửa chữa điện nước nhỏ và đi khám bệnh.",
        "section": "xa-hoi",
        "region": "thanh-hoa",
        "regions": [],
        "tags": ["Thanh niên", "Người cao tuổi"],
        "source": "",
        "hours_ago": 150,
        "byline": [("pham-thu-trang", "text")],
        "featured": None,
        "paragraphs": [
            "Mỗi đội hình gồm mười đoàn viên, được phân công theo từng khu dân cư để tiện đi lại.",
            "Người cần hỗ trợ có thể gọi đến số điện thoại của đoàn phường, xã nơi mình sống.",
        ],
        "photos": [],
    },
    {
        "title": "Bá Thước làm du lịch cộng đồng ở bản Lũng Cao",
        "lead": "Mười hộ gia đình ở xã Lũng Cao đã sửa sang nhà sàn để đón khách nghỉ qua đêm, giữ "
        "nguyên nếp sinh hoạt của người Mường.",
        "section": "dia-phuong",
        "region": "huyen-ba-thuoc",
        "regions": ["xa-lung-cao"],
        "tags": ["Du lịch", "Văn hóa"],
        "source": "",
        "hours_ago": 165,
        "byline": [("hoang-duc", "text_photo")],
        "featured": (
            "truong-hoc",
            "Trẻ em bản Lũng Cao sau giờ học.",
            "Các em nhỏ đứng trước lớp học ở bản vùng cao.",
        ),
        "paragraphs": [
            "Khách đến bản được mời cùng nấu cơm lam, học dệt vải và nghe hát xường bên bếp lửa.",
            "Chính quyền xã khuyến khích các hộ giữ kiến trúc nhà sàn truyền thống thay vì xây "
            "nhà bê tông.",
        ],
        "photos": [],
    },
    {
        "title": "Thanh Hóa đẩy nhanh giải ngân vốn đầu tư công",
        "lead": "Chủ tịch Ủy ban nhân dân tỉnh yêu cầu các chủ đầu tư báo cáo tiến độ hằng tuần và "
        "chịu trách nhiệm nếu để dự án chậm mà không có lý do chính đáng.",
        "section": "chinh-tri",
        "region": "thanh-hoa",
        "regions": [],
        "tags": ["Đầu tư công"],
        "source": "TTXVN",
        "hours_ago": 180,
        "byline": [("tran-quoc-hung", "text")],
        "featured": (
            "hoi-truong",
            "Cuộc họp trực tuyến với các huyện, thị xã, thành phố.",
            "Màn hình lớn chia nhiều ô, mỗi ô là một điểm cầu họp trực tuyến.",
        ),
        "paragraphs": [
            "Những dự án vướng mặt bằng được giao cho từng lãnh đạo huyện trực tiếp theo dõi.",
            "Tỉnh sẽ điều chuyển vốn từ các dự án không có khả năng giải ngân sang những công "
            "trình đang thi công tốt.",
        ],
        "photos": [],
    },
    {
        "title": "Học sinh Nghi Sơn giành giải nhất cuộc thi sáng tạo trẻ",
        "lead": "Thiết bị cảnh báo ngập cho đường ngầm do ba học sinh lớp 11 ở thị xã Nghi Sơn chế "
        "tạo đã giành giải nhất cuộc thi sáng tạo thanh thiếu niên cấp tỉnh.",
        "section": "xa-hoi",
        "region": "thi-xa-nghi-son",
        "regions": ["phuong-hai-thanh"],
        "tags": ["Giáo dục", "Nghi Sơn"],
        "source": "",
        "hours_ago": 195,
        "byline": [("nguyen-thanh", "text")],
        "featured": None,
        "paragraphs": [
            "Thiết bị dùng cảm biến mực nước và đèn báo chạy bằng năng lượng mặt trời, chi phí "
            "chưa đến hai triệu đồng.",
            "Nhóm học sinh cho biết ý tưởng đến từ lần chứng kiến một chiếc xe máy bị nước cuốn ở "
            "đường ngầm gần nhà.",
        ],
        "photos": [],
    },
    {
        "title": "Bài học từ việc sắp xếp đơn vị hành chính cấp xã",
        "lead": "Sau một năm sáp nhập, nhiều xã cho biết bộ máy gọn hơn nhưng khối lượng công việc "
        "của cán bộ một cửa tăng đáng kể.",
        "section": "chinh-tri",
        "region": "thanh-hoa",
        "regions": [],
        "tags": ["Cải cách hành chính"],
        "source": "",
        "hours_ago": 210,
        "byline": [("minh-hang", "text"), ("tran-quoc-hung", "text")],
        "featured": None,
        "paragraphs": [
            "Các xã được khảo sát đều đề nghị tăng cường đào tạo kỹ năng số cho cán bộ.",
            "Người dân ghi nhận thủ tục nhanh hơn nhưng vẫn mong trụ sở tiếp dân không quá xa.",
        ],
        "photos": [],
    },
    {
        "title": "Dịch giả trẻ đưa thơ xứ Thanh đến với bạn đọc quốc tế",
        "lead": "Tập thơ song ngữ gồm năm mươi bài của các tác giả xứ Thanh vừa được giới thiệu "
        "tại một hội sách ở nước ngoài.",
        "section": "van-hoa",
        "region": "thanh-hoa",
        "regions": [],
        "tags": ["Văn học"],
        "source": "",
        "hours_ago": 230,
        "byline": [("minh-hang", "text"), ("do-ngoc-mai", "translation")],
        "featured": None,
        "paragraphs": [
            "Người dịch cho biết khó nhất là giữ được nhịp điệu của thể thơ lục bát khi chuyển "
            "sang tiếng Anh.",
            "Tập thơ sẽ được tặng cho các thư viện trường học trong tỉnh.",
        ],
        "photos": [],
    },
    {
        "title": "Sầm Sơn hạn chế xe điện chở khách trên một số tuyến phố",
        "lead": "Từ đầu tháng tới, xe điện chở khách không được đi vào ba tuyến phố sát biển trong "
        "khung giờ cao điểm buổi tối.",
        "section": "dia-phuong",
        "region": "tp-sam-son",
        "regions": ["phuong-bac-son"],
        "tags": ["Sầm Sơn", "Giao thông"],
        "source": "Baothanhhoa.vn",
        "hours_ago": 250,
        "byline": [("pham-thu-trang", "text")],
        "featured": (
            "bien-sam-son",
            "Tuyến phố sát biển ở phường Bắc Sơn.",
            "Đường phố ven biển với hàng quán hai bên.",
        ),
        "paragraphs": [
            "Thành phố cho biết quyết định nhằm giảm ùn tắc và bảo đảm an toàn cho người đi bộ.",
            "Các doanh nghiệp vận tải được đề nghị điều chỉnh lộ trình và thông báo trước cho "
            "khách.",
        ],
        "photos": [],
    },
    {
        "title": "Công an TP. Thanh Hóa cảnh báo lừa đảo qua tin nhắn giả danh ngân hàng",
        "lead": "Nhiều người dân đã nhận tin nhắn chứa đường dẫn lạ, yêu cầu cập nhật thông tin "
        "tài khoản để không bị khóa thẻ.",
        "section": "thoi-su",
        "region": "tp-thanh-hoa",
        "regions": ["phuong-dong-ve"],
        "tags": ["An ninh", "TP. Thanh Hóa"],
        "source": "",
        "hours_ago": 270,
        "byline": [("nguyen-thanh", "text")],
        "featured": None,
        "paragraphs": [
            "Cơ quan công an khuyến cáo người dân tuyệt đối không bấm vào đường dẫn lạ và không "
            "cung cấp mã xác thực cho bất kỳ ai.",
            "Khi nghi ngờ, hãy gọi trực tiếp tổng đài chính thức in ở mặt sau thẻ ngân hàng.",
        ],
        "photos": [],
    },
    {
        "title": "Hoằng Hóa khánh thành cầu dân sinh cho học sinh qua kênh",
        "lead": "Cây cầu bê tông dài 24 mét thay cho chiếc cầu tre tạm, giúp hơn ba trăm học sinh "
        "đi học an toàn hơn trong mùa mưa.",
        "section": "dia-phuong",
        "region": "huyen-hoang-hoa",
        "regions": ["thi-tran-but-son"],
        "tags": ["Giao thông", "Giáo dục"],
        "source": "",
        "hours_ago": 290,
        "byline": [("le-hoi", "text_photo")],
        "featured": (
            "duong-moi",
            "Cây cầu mới bắc qua kênh.",
            "Cây cầu bê tông nhỏ, học sinh đạp xe qua cầu.",
        ),
        "paragraphs": [
            "Kinh phí xây cầu do các doanh nghiệp và người dân trong xã cùng đóng góp.",
            "Phụ huynh cho biết từ nay không còn phải đưa con qua kênh mỗi khi nước lên.",
        ],
        "photos": [],
    },
    {
        "title": "Khu kinh tế Nghi Sơn đón thêm ba dự án logistics",
        "lead": "Ba dự án kho bãi và trung tâm phân phối với tổng vốn đăng ký lớn vừa được trao "
        "quyết định chủ trương đầu tư.",
        "section": "kinh-te",
        "region": "thi-xa-nghi-son",
        "regions": ["xa-nghi-son"],
        "tags": ["Khu kinh tế", "Nghi Sơn", "Logistics"],
        "source": "Baothanhhoa.vn",
        "hours_ago": 310,
        "byline": [("tran-quoc-hung", "text"), ("le-anh-tuan", "photo")],
        "featured": (
            "cang-nghi-son",
            "Khu bến cảng tổng hợp Nghi Sơn.",
            "Cần cẩu và container xếp tầng tại khu bến cảng.",
        ),
        "paragraphs": [
            "Các nhà đầu tư cam kết ưu tiên tuyển dụng lao động tại chỗ và đào tạo nghề cho con "
            "em các hộ dân nhường đất.",
            "Ban quản lý khu kinh tế cho biết sẽ rút ngắn thời gian giải quyết thủ tục xuống còn "
            "một nửa so với quy định.",
        ],
        "photos": [],
    },
    # Not public yet, so the demo shows every state of the workflow.
    {
        "title": "TP. Thanh Hóa lấy ý kiến về quy hoạch công viên trung tâm",
        "lead": "Bản đồ quy hoạch được trưng bày tại nhà văn hóa các phường để người dân góp ý "
        "trong ba mươi ngày.",
        "section": "dia-phuong",
        "region": "tp-thanh-hoa",
        "regions": ["phuong-quang-thang"],
        "tags": ["TP. Thanh Hóa", "Quy hoạch"],
        "source": "",
        "hours_ago": -20,
        "byline": [("minh-hang", "text")],
        "featured": None,
        "paragraphs": [
            "Bài hẹn giờ: sẽ tự xuất hiện khi tới giờ đăng.",
            "Người dân có thể gửi ý kiến bằng văn bản hoặc qua cổng dịch vụ công của thành phố.",
        ],
        "photos": [],
    },
    {
        "title": "Tiến độ xây dựng cầu mới qua sông Mã",
        "lead": "Các trụ cầu phía bờ bắc đã hoàn thành, nhà thầu đang chuẩn bị lao lắp dầm.",
        "section": "thoi-su",
        "region": "tp-thanh-hoa",
        "regions": [],
        "tags": ["Giao thông"],
        "source": "",
        "hours_ago": None,
        "status": "review",
        "byline": [("nguyen-thanh", "text_photo")],
        "featured": None,
        "paragraphs": [
            "Bài đang chờ biên tập viên duyệt.",
            "Nhà thầu cho biết sẽ tăng ca để bù lại những ngày mưa.",
        ],
        "photos": [],
    },
    {
        "title": "Phóng sự: một ngày ở làng chài Hải Thanh",
        "lead": "Bản nháp phóng sự về nghề đi biển ở phường Hải Thanh.",
        "section": "dia-phuong",
        "region": "thi-xa-nghi-son",
        "regions": ["phuong-hai-thanh"],
        "tags": ["Nghi Sơn"],
        "source": "",
        "hours_ago": None,
        "status": "draft",
        "byline": [("nguyen-thanh", "text_photo")],
        "featured": None,
        "paragraphs": ["Bản nháp, chưa hoàn thành."],
        "photos": [],
    },
    {
        "title": "Tạm dừng một số hoạt động lễ hội vì thời tiết xấu",
        "lead": "Bài đã gỡ: thông tin không còn phù hợp sau khi thời tiết chuyển biến.",
        "section": "van-hoa",
        "region": "huyen-tho-xuan",
        "regions": [],
        "tags": ["Lễ hội"],
        "source": "",
        "hours_ago": 320,
        "status": "unpublished",
        "byline": [("minh-hang", "text")],
        "featured": None,
        "paragraphs": ["Nội dung này đã được gỡ khỏi trang."],
        "photos": [],
    },
]

# Comments on the demo's first articles, in every moderation state. (article title, name,
# body, state, reply-to index within this list or None, moderator's edit or None)
COMMENTS = [
    (
        "Đảng bộ thị xã Nghi Sơn đặt mục tiêu kép về kinh tế và môi trường",
        "Lê Văn Bình",
        "Mong thị xã công khai số liệu quan trắc đúng hẹn, người dân Tân Dân chúng tôi rất cần.",
        "approved",
        None,
        None,
    ),
    (
        "Đảng bộ thị xã Nghi Sơn đặt mục tiêu kép về kinh tế và môi trường",
        "Nguyễn Thị Lan",
        "Đồng ý với anh Bình. Nhà tôi ở Hải Hòa, đêm nào gió nồm cũng ngửi thấy mùi khét.",
        "approved",
        0,
        None,
    ),
    (
        "Đảng bộ thị xã Nghi Sơn đặt mục tiêu kép về kinh tế và môi trường",
        "Trần Minh",
        "Bài viết rõ ràng, cảm ơn phóng viên đã phản ánh tiếng nói của người dân.",
        "approved",
        None,
        "Bài viết rõ ràng, cảm ơn phóng viên đã phản ánh tiếng nói của bà con.",
    ),
    (
        "Đảng bộ thị xã Nghi Sơn đặt mục tiêu kép về kinh tế và môi trường",
        "Hoàng Anh",
        "Khi nào thì có tổ kiểm tra đột xuất vậy, ai biết chỉ giúp với?",
        "pending",
        None,
        None,
    ),
    (
        "Sầm Sơn thử nghiệm khu tắm biển có cứu hộ 24 giờ",
        "Phạm Quang",
        "Mô hình hay, nên nhân rộng ra cả bãi biển Hải Tiến nữa.",
        "approved",
        None,
        None,
    ),
    (
        "Sầm Sơn thử nghiệm khu tắm biển có cứu hộ 24 giờ",
        "Khách du lịch",
        "Năm ngoái tôi suýt gặp nạn vì tắm đêm, giờ có cứu hộ thì yên tâm hơn nhiều.",
        "pending",
        None,
        None,
    ),
    (
        "Sầm Sơn thử nghiệm khu tắm biển có cứu hộ 24 giờ",
        "Người qua đường",
        "Bấm vào đây để nhận quà miễn phí: http://qua-tang.example http://qua-tang.example/2 "
        "http://qua-tang.example/3",
        "spam",
        None,
        None,
    ),
    (
        "Nông dân Thọ Xuân thu hoạch lúa mùa sớm để tránh bão",
        "Trịnh Văn Hải",
        "Giá lúa như vậy thì nông dân vẫn lỗ, trừ tiền thuê máy gặt là hết.",
        "approved",
        None,
        None,
    ),
    (
        "Nông dân Thọ Xuân thu hoạch lúa mùa sớm để tránh bão",
        "Ẩn danh",
        "Toàn nói chuyện vô ích, chẳng ai làm gì cả.",
        "rejected",
        None,
        None,
    ),
]
