# Builds ../fresh7_questions.jsonl and checks every evidence span is an exact substring of its document
# and every answer string occurs in its evidence span (variants: traditional->simplified, pinyin notes stripped).
# Run from eval/: python3 fresh7/check_questions.py
import json, unicodedata, re
D="k007_"
Q=[]
def q(kind, question, answer, ev):
    Q.append(dict(id="m%02d"%(len(Q)+1), question=question, answer=answer,
                  evidence=[dict(doc=D+d+".txt", text=t) for d,t in ev], kind=kind))
N="number"
q(N,"邢台市2020年新增高新技术企业多少家?",["125家"],[("xingtai_2020_kjj","新增高新技术企业125家以上,总数达到450家")])
q(N,"邢台 2020 科技型中小企业 总数",["7141家"],[("xingtai_2020_kjj","新增科技型中小企业526家,总数达到7141家")])
q(N,"宁晋县 省级以上创新平台 数量",["26家"],[("ningjin_2022_news","省级以上创新平台达到26家")])
q(N,"辛集市2021年新认定了多少家高新技术企业",["30家"],[("xinji_2021_news","该市新认定的高新技术企业有30家,总量达119家")])
q(N,"辛集科技型中小企业总量达到多少家?",["695家"],[("xinji_2021_news","新认定科技型中小企业178家,总量达到695家")])
q(N,"唐山2022年新增高新技术企业多少家",["613家"],[("tangshan_2022_news","全市新增高新技術企業613家,總量達1559家")])
q(N,"How many high-tech enterprises did Tangshan have in total by 2022?",["1559"],[("tangshan_2022_news","全市新增高新技術企業613家,總量達1559家")])
q(N,"截至2010年廊坊市高新技术企业达到多少家?",["42家"],[("langfang_2010_news","廊坊市高新技術(shù)企業(yè)達(dá)到42家")])
q(N,"威海市2021年争取上级支持资金多少?",["4.34亿元"],[("weihai_2021_kjj","争取上级支持资金达4.34亿元")])
q(N,"威海2019年高新技术产业产值占规上工业总产值的比重是多少",["49.51%"],[("weihai_2019_kjj","高新技术产业产值占规模以上工业总产值比重达到49.51%")])
q(N,"荣成 高新技术企业 总数 2021",["84家"],[("rongcheng_2021_news","全市高新技术企业总数达84家")])
q(N,"荣成市2021年一季度高新技术产业产值占比是多少?",["54.4%"],[("rongcheng_2021_news","今年一季度全市高新技术产业产值占规模以上工业产业产值比重为54.4%")])
q(N,"海淀区2016年地区生产总值是多少",["5908亿元"],[("haidian_2021_gwr","地区生产总值由2016年的5908亿元预计增至9500亿元")])
q(N,"北京市2025年地区生产总值是多少?",["5.2萬億元","5.2万亿元"],[("beijing_2025_news","2025年全市地區生產總值5.2萬億元、增長5.4%")])
q(N,"北京 2025 国家级高新技术企业 数量",["3萬家","3万家"],[("beijing_2025_news","全市國家級高新技術企業數量突破3萬家")])
q(N,"What was the turnover of technology contracts Beijing exported to Tianjin and Hebei in 2025?",["996億元","996亿元","996"],[("beijing_2025_news","北京輸出到津冀技術合同成交額996億元、增長18.1%")])
q(N,"太原 科技型中小企业 2024",["2606家"],[("taiyuan_2024_news","全市科技型中小企业2606家,高新技术企业2150家")])
q(N,"截至2024年底太原市有多少家高新技术企业?",["2150家"],[("taiyuan_2024_news","全市科技型中小企业2606家,高新技术企业2150家")])
q(N,"太原市省级重点实验室有多少个",["136个"],[("taiyuan_2024_news","省级重点实验室136个,占全省的79%")])
q(N,"小店区在赛迪创新百强区(2022)榜单中排第几位?",["第68位","68位"],[("xiaodian_2022_news","山西省太原市小店区上榜,位列第68位")])
q(N,"沈阳市2022年科技型企业数量达到多少家",["15363家"],[("shenyang_2022_news","沈阳市科技型企业数量达到15363家,同比增加4238家")])
q(N,"沈阳 2022 国家高新技术企业 净增",["859家"],[("shenyang_2022_news","2022年,沈阳市国家高新技术企业数量预计4200家,净增859家")])
q(N,"呼和浩特2022年全社会研发投入多少?",["52.4亿元"],[("huhehaote_2022_news","呼和浩特市全社会研发投入达到52.4亿元")])
q(N,"包头市2022年新认定高新技术企业多少家",["110家"],[("huhehaote_2022_news","新认定高新技术企业110家,达到280家")])
q(N,"榆林市2020年认定了多少家高新技术企业?",["31家"],[("yulin_2020_news","认定高新技术企业31家,高新技术企业增长率达到66%")])
q(N,"延安2023年上半年科技型中小企业评价入库多少家",["643家"],[("yanan_2023_news","科技型中小企业评价入库643家,完成全年任务的80.38%")])
q(N,"焦作 2024 高新技术企业 总数",["520家"],[("jiaozuo_2024_news","新增高新技术企业49家,总数达520家")])
q(N,"What share of Jiaozuo's industrial enterprises above designated size had R&D institutions in 2024?",["25.2%"],[("jiaozuo_2024_news","规上工业企业研发机构覆盖率达25.2%")])
q(N,"截至2022年底拉萨市高新技术企业达到多少家?",["101家"],[("lasa_2022_news","全市高新技術企業達到101家")])
q(N,"西藏自治区高新技术企业达到多少家(2022年科技工作会议)",["112家"],[("xizang_2022_news","高新技術企業達到112家,研發投入突破40億元")])
q(N,"海东市目前有多少家高新技术企业",["23家"],[("haidong_2023_news","目前全市共有高新技术企业23家、科技型企业69家")])
q(N,"中卫市2022年第一批新增了多少家国家高新技术企业?",["10家"],[("zhongwei_2022_kjj","我市新增10家国家高新技术企业")])
q(N,"吴忠 科技型企业 数量 十四五",["506家"],[("wuzhong_2025_news","科技型企业数量从2020年的250家增长至506家")])
q(N,"天水市“十三五”末入库科技型中小企业有多少家",["52家"],[("tianshui_2021_kjj","入库科技型中小企业52家")])
M="name"
q(M,"2010年廊坊新增的高新技术企业中,三河市的是哪家公司?",["三河市同飛制冷設(shè)備有限公司","三河市同飛制冷設備有限公司","三河市同飞制冷设备有限公司"],[("langfang_2010_news","三河市同飛制冷設(shè)備有限公司")])
q(M,"唐山开平区哪家药业公司获得了科技型中小企业奖励?",["河北旭宇金坤藥業有限公司","河北旭宇金坤药业有限公司"],[("tangshan_2022_news","河北旭宇金坤藥業有限公司名列其中")])
q(M,"邢台2020年晋升为国家级科技企业孵化器、实现零的突破的是哪个园区",["宁晋方大科技园"],[("xingtai_2020_kjj","宁晋方大科技园晋升为国家级科技企业孵化器")])
q(M,"辛集市与河北农大共建的研究院叫什么名字?",["马兰乡村振兴研究院"],[("xinji_2021_news","与河北农大共建“马兰乡村振兴研究院”")])
q(M,"海东哪家企业申请到国家重点研发计划项目、获得国家支持资金4500万元?",["青海中钛青锻装备制造有限公司"],[("haidong_2023_news","青海中钛青锻装备制造有限公司成功申请国家重点研发计划")])
q(M,"榆林组建成立的无人系统研究院叫什么",["榆林天则无人系统研究院"],[("yulin_2020_news","组建成立榆林天则无人系统研究院")])
q(M,"焦作2024年顺利筹建的是哪个实验室?",["云台山实验室"],[("jiaozuo_2024_news","顺利筹建云台山实验室")])
q(M,"克拉玛依先科院与中科院新疆分院共建了哪个研究院?",["丝绸之路创新发展研究院"],[("kelamayi_2021_kjj","与中科院新疆分院共建丝绸之路创新发展研究院")])
C="cross-city"
q(C,"邢台、辛集、唐山、廊坊各有多少家高新技术企业?",[],[("xingtai_2020_kjj","新增高新技术企业125家以上,总数达到450家"),("xinji_2021_news","该市新认定的高新技术企业有30家,总量达119家"),("tangshan_2022_news","全市新增高新技術企業613家,總量達1559家"),("langfang_2010_news","廊坊市高新技術(shù)企業(yè)達(dá)到42家")])
q(C,"焦作、延安、榆林和北京的技术合同成交额各是多少?",[],[("jiaozuo_2024_news","全市技术合同成交额达77亿元"),("yanan_2023_news","技术合同成交额达到11.19亿元"),("beijing_2025_news","北京輸出到津冀技術合同成交額996億元"),("yulin_2020_news","完成技术交易合同登记135项,交易额近5亿元")])
q(C,"哪些地方选派了科技特派员,各多少名?",[],[("yulin_2020_news","市科技局还选派科技特派员626名"),("haidong_2023_news","海东持续选派223名科技特派员")])
q(C,"榆林和延安的科技型中小企业入库情况",[],[("yulin_2020_news","培育入库科技型中小企业379家"),("yanan_2023_news","科技型中小企业评价入库643家")])
q(C,"呼和浩特、拉萨、西藏、中卫、海东的高新技术企业各有多少家?",[],[("huhehaote_2022_news","高新技术企业达到461家"),("lasa_2022_news","全市高新技術企業達到101家"),("xizang_2022_news","高新技術企業達到112家"),("zhongwei_2022_kjj","全市国家高新技术企业达到38"),("haidong_2023_news","目前全市共有高新技术企业23家")])
U="unanswerable"
for t in ["大同市2022年新增高新技术企业多少家?",
          "鞍山市2023年研发投入强度是多少",
          "西宁 2021 科技型中小企业 入库数量",
          "焦作2022年技术合同成交额是多少?",
          "沈阳市2019年国家高新技术企业有多少家",
          "小店区高新技术企业有多少家?",
          "威海市2021年高新技术企业总数达到多少家",
          "邢台市国家级专精特新“小巨人”企业有多少家?",
          "海淀区2025年国家级高新技术企业数量",
          "拉萨市2022年技术合同成交额是多少?",
          "邢台市2021年实际新增3000平米以上众创空间多少家?",
          "包头市2022年全社会研发投入是多少?"]:
    q(U,t,[],[])
def norm(s): return "".join(unicodedata.normalize("NFKC", s or "").split()).lower()
docs={}
bad=0
for x in Q:
    for e in x["evidence"]:
        t=docs.setdefault(e["doc"],open("fresh7/docs/"+e["doc"],encoding="utf-8").read())
        if e["text"] not in t: print("EVIDENCE NOT IN DOC",x["id"],e); bad+=1
    if x["answer"]:
        for a in x["answer"]:
            T2S=str.maketrans("萬億設備飛藥業","万亿设备飞药业")
            strip=lambda z: re.sub(r"\([a-zà-ü]+\)","",z).translate(T2S)
            if not any(a in e["text"] or a in strip(e["text"]) or a in re.sub(r"\([a-zà-ü]+\)","",e["text"]) for e in x["evidence"]):
                if not any(norm(a) in norm(e["text"]) for e in x["evidence"]): print("ANSWER NOT IN EVIDENCE",x["id"],a); bad+=1
                else: print("answer only after norm", x["id"], a)
    if x["kind"]=="unanswerable": assert not x["answer"] and not x["evidence"]
    if x["kind"]=="cross-city": assert not x["answer"] and len(x["evidence"])>=2
from collections import Counter
print(Counter(x["kind"] for x in Q), len(Q), "bad", bad)
with open("fresh7_questions.jsonl","w",encoding="utf-8") as f:
    for x in Q: f.write(json.dumps(x,ensure_ascii=False)+"\n")
