// Home page: the latest public videos, each linking to its watch page.
const list = document.getElementById('videos')
const res = await fetch('/api/v1/videos?count=24&sort=-publishedAt')
const { data } = await res.json()
for (const v of data) {
  const a = document.createElement('a')
  a.className = 'card'
  a.href = `/w/${v.shortUUID}`
  const img = document.createElement('img')
  img.src = v.thumbnailPath
  img.alt = ''
  const text = document.createElement('div')
  text.textContent = `${v.name} — ${v.channel.displayName}`
  a.append(img, text)
  list.append(a)
}
