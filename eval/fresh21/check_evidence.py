import json,sys,collections
T2S=str.maketrans("億戶紀藥飲區","亿户纪药饮区")
bad=0;c=collections.Counter()
for l in open(__import__("os").path.join(__import__("os").path.dirname(__file__),"..","fresh21_questions.jsonl"),encoding="utf-8"):
    g=json.loads(l);c[g["kind"]]+=1
    for e in g["evidence"]:
        d=open(__import__("os").path.join(__import__("os").path.dirname(__file__),"docs")+"/"+e["doc"],encoding="utf-8").read()
        if e["text"] not in d: print("NOT IN DOC",g["id"],e["text"]);bad+=1
    for a in g["answer"]:
        if not any(a in e["text"] or a in e["text"].translate(T2S) for e in g["evidence"]): print("ANS NOT IN EV",g["id"],a);bad+=1
    if g["kind"]=="unanswerable" and (g["answer"] or g["evidence"]): bad+=1
    if g["kind"]=="cross-city" and (g["answer"] or len({e["doc"] for e in g["evidence"]})<2): bad+=1
print(dict(c),"total",sum(c.values()),"bad",bad)
